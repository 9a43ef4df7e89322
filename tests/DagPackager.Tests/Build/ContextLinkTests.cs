using System.Runtime.Versioning;
using AirflowAspire.DagPackager.Build;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary>
/// Hard links in the build context: a context that lives for one build links the project's files that already have
/// the image's mode (the test folder holds project and context, so they share a filesystem) and copies the others;
/// the hash is the same either way; a kept context holds copies, which a later edit of the project leaves alone.
/// An edit made in place shows through a link, so that is how these tests tell a link from a copy.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ContextLinkTests : IDisposable
{
    private static readonly AirflowRelease Airflow = AirflowVersionSource.Parse("3.2.2", "test");
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public void A_throwaway_context_links_files_with_the_image_mode_and_copies_the_others()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "contexts get hard links on Linux only");
        var project = SampleProject.Create(temp);
        File.SetUnixFileMode(Path.Combine(project, "dags/hello.py"), (UnixFileMode)0b110_000_000); // 0600: the image gets 0644

        var linked = BuildContextWriter.Write(project, "repo", Airflow, temp.Combine("linked"), hardLinks: true);
        var copied = BuildContextWriter.Write(project, "repo", Airflow, temp.Combine("copied"));
        foreach (var file in SampleProject.Files)
        {
            File.AppendAllText(Path.Combine(project, file), "# edited in place\n");
        }

        Assert.Equal(copied.Hash.Hex, linked.Hash.Hex);
        Assert.Equal(
            ["dags/etl/extract.py", "dags/scripts/run.sh", "plugins/my_plugin.py"],
            SampleProject.Files.Where(file => Edited(linked, file)));
        Assert.DoesNotContain(SampleProject.Files, file => Edited(copied, file));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(linked.Directory, "dags/hello.py")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(linked.Directory, "dags/scripts/run.sh")));
    }

    [SkippableFact]
    public void A_symlink_is_linked_as_the_file_it_leads_to()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "contexts get hard links on Linux only");
        var project = SampleProject.Create(temp);
        temp.Write("project/shared/common.py", "SHARED = True\n");
        temp.Symlink("project/dags/common.py", temp.Combine("project/shared/common.py"));

        var context = BuildContextWriter.Write(project, "repo", Airflow, temp.Combine("context"), hardLinks: true);
        File.AppendAllText(temp.Combine("project/shared/common.py"), "# edited in place\n");

        var linked = new FileInfo(Path.Combine(context.Directory, "dags/common.py"));
        Assert.Null(linked.LinkTarget);
        Assert.Equal("SHARED = True\n# edited in place\n", File.ReadAllText(linked.FullName));
    }

    [Fact]
    public async Task A_kept_context_holds_copies_that_a_later_edit_of_the_project_leaves_alone()
    {
        var project = SampleProject.Create(temp);
        var output = temp.Combine("context");

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", output);
        File.AppendAllText(Path.Combine(project, "dags/hello.py"), "# edited in place\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(DagSources.WithDag("hello"), File.ReadAllText(Path.Combine(output, "dags/hello.py")));
    }

    private static bool Edited(BuildContext context, string file) =>
        File.ReadAllText(Path.Combine(context.Directory, file)).EndsWith("# edited in place\n", StringComparison.Ordinal);
}
