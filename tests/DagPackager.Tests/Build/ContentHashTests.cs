using System.Runtime.Versioning;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagPackager.Build;
using AirflowAspire.DagPackager.Hashing;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary>
/// The content hash and the image tag: the same inputs give the same tag whatever the order, times and place of
/// the files; one changed byte or executable bit changes it; caches and ignored files do not.
/// </summary>
public sealed class ContentHashTests : IDisposable
{
    private static readonly AirflowRelease Airflow = AirflowVersionSource.Parse("3.2.2", "test");
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_same_project_hashes_the_same_on_every_run()
    {
        var project = SampleProject.Create(temp);

        var first = Hash(project);
        var second = Hash(project);

        Assert.Equal(first.Hex, second.Hex);
        Assert.Equal(64, first.Hex.Length);
        Assert.Equal(first.Hex[..12], first.Tag);
        Assert.Equal(SampleProject.Files.Length, first.FileCount);
    }

    [Fact]
    public void Creation_order_timestamps_and_location_do_not_count()
    {
        var a = SampleProject.Create(temp, "a");
        var b = SampleProject.Create(temp, "elsewhere/b", reverse: true);
        foreach (var file in Directory.EnumerateFiles(b, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        Assert.Equal(Hash(a).Hex, Hash(b).Hex);
    }

    [Fact]
    public void The_hash_format_is_fixed_so_every_machine_gets_this_tag()
    {
        // Pinned: a change to what is hashed, or how, changes every tag ever released. Change it knowingly.
        temp.Write("p/dags/a.py", "print('a')\n");
        temp.Write("p/dags/sub/b.py", "print('b')\n");

        var context = BuildContextWriter.Write(temp.Combine("p"), "repo", Airflow, outputDirectory: null);
        Directory.Delete(context.Directory, recursive: true);

        Assert.Equal("78f9c4af1041", context.Hash.Tag); // also computed by hand with Python's hashlib
    }

    [Fact]
    public void One_changed_byte_changes_the_tag()
    {
        var project = SampleProject.Create(temp);
        var before = Hash(project);

        var file = Path.Combine(project, "dags/etl/extract.py");
        var bytes = File.ReadAllBytes(file);
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        Assert.NotEqual(before.Tag, Hash(project).Tag);
    }

    [Fact]
    public void A_renamed_or_added_file_changes_the_tag()
    {
        var project = SampleProject.Create(temp);
        var before = Hash(project);

        File.Move(Path.Combine(project, "dags/hello.py"), Path.Combine(project, "dags/hello2.py"));
        var renamed = Hash(project);
        temp.Write("project/dags/empty.py", string.Empty);

        Assert.NotEqual(before.Tag, renamed.Tag);
        Assert.NotEqual(renamed.Tag, Hash(project).Tag);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void The_executable_bit_changes_the_tag_and_other_mode_bits_do_not()
    {
        Skip.If(OperatingSystem.IsWindows(), "no Unix modes on Windows");
        var project = SampleProject.Create(temp);
        var file = Path.Combine(project, "dags/hello.py");
        var before = Hash(project);

        File.SetUnixFileMode(file, (UnixFileMode)0b110_110_000); // 0660: group write, no read for others
        var groupWritable = Hash(project);
        File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101); // 0755
        var executable = Hash(project);

        Assert.Equal(before.Tag, groupWritable.Tag);
        Assert.NotEqual(before.Tag, executable.Tag);
    }

    [Fact]
    public void Caches_and_dockerignored_files_stay_out_of_the_hash_and_the_context()
    {
        var project = SampleProject.Create(temp);
        var before = Hash(project);

        temp.Write("project/dags/__pycache__/hello.cpython-312.pyc", "cache");
        temp.Write("project/dags/etl/old.pyc", "cache");
        temp.Write("project/dags/.DS_Store", "finder");
        temp.Write("project/dags/.git/HEAD", "ref: refs/heads/main\n");
        temp.Write("project/.dockerignore", "# local only\ndags/scratch\n**/*.tmp\n");
        temp.Write("project/dags/scratch/notes.py", "draft");
        temp.Write("project/dags/etl/data.tmp", "tmp");
        temp.Write("project/README.md", "not part of the image");
        temp.Write("project/tests/test_dags.py", "not part of the image");

        var context = BuildContextWriter.Write(project, "repo", Airflow, temp.Combine("context"));

        Assert.Equal(before.Tag, context.Hash.Tag);
        var copied = Directory.EnumerateFiles(context.Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(context.Directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal([".dockerignore", "Dockerfile", .. SampleProject.Files], copied);
    }

    [Fact]
    public void A_dockerignore_exception_takes_a_file_back()
    {
        var project = SampleProject.Create(temp);
        temp.Write("project/.dockerignore", "dags/etl\n!dags/etl/extract.py\n");
        temp.Write("project/dags/etl/other.py", "left out");
        var withException = Hash(project);

        temp.Write("project/.dockerignore", "dags/etl\n");

        Assert.Equal(Hash(SampleProject.Create(temp, "plain")).Tag, withException.Tag);
        Assert.NotEqual(withException.Tag, Hash(project).Tag);
    }

    [Fact]
    public void Airflowignored_files_go_into_the_image_unless_asked_otherwise()
    {
        // DAGs often import helpers that .airflowignore only keeps Airflow from parsing as DAG files.
        var project = SampleProject.Create(temp);
        temp.Write("project/dags/.airflowignore", "helpers/\n");
        temp.Write("project/dags/helpers/util.py", "VALUE = 1\n");
        var kept = Hash(project);
        var excluded = Hash(project, excludeAirflowIgnored: true);

        temp.Write("project/dags/helpers/util.py", "VALUE = 2\n");

        Assert.NotEqual(kept.Tag, Hash(project).Tag);
        Assert.Equal(excluded.Tag, Hash(project, excludeAirflowIgnored: true).Tag);
        Assert.Equal(SampleProject.Files.Length + 2, kept.FileCount); // .airflowignore and the helper
        Assert.Equal(SampleProject.Files.Length + 1, excluded.FileCount); // .airflowignore only
    }

    [Fact]
    public void Airflowignore_follows_the_syntax_of_the_Airflow_version()
    {
        var project = SampleProject.Create(temp);
        temp.Write("project/dags/.airflowignore", "# comment\nscr.pts\n");

        // Airflow 2 reads regular expressions ("scr.pts" matches scripts/), Airflow 3 globs (it matches nothing).
        var airflow2 = ProjectScanner.Scan(project, IgnoreSyntax.Regexp);
        var airflow3 = ProjectScanner.Scan(project, IgnoreSyntax.Glob);

        Assert.DoesNotContain(airflow2.Files, f => f.ContextPath == "dags/scripts/run.sh");
        Assert.Contains(airflow3.Files, f => f.ContextPath == "dags/scripts/run.sh");
    }

    [Fact]
    public void The_Dockerfile_counts_a_new_requirement_or_Airflow_version_changes_the_tag()
    {
        var project = SampleProject.Create(temp);
        var before = Hash(project);
        var otherVersion = Hash(project, airflow: AirflowVersionSource.Parse("2.11.0", "test"));
        temp.Write("project/packages.txt", "git\n");
        var withPackages = Hash(project);

        Assert.NotEqual(before.Tag, otherVersion.Tag);
        Assert.NotEqual(before.Tag, withPackages.Tag);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void The_context_holds_exact_copies_with_normalized_modes()
    {
        Skip.If(OperatingSystem.IsWindows(), "no Unix modes on Windows");
        var project = SampleProject.Create(temp);
        File.SetUnixFileMode(Path.Combine(project, "dags/hello.py"), (UnixFileMode)0b110_000_000); // 0600

        var context = BuildContextWriter.Write(project, "repo", Airflow, temp.Combine("context"));

        foreach (var file in SampleProject.Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(project, file)), File.ReadAllBytes(Path.Combine(context.Directory, file)));
        }

        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(context.Directory, "dags/hello.py")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(context.Directory, "dags/scripts/run.sh")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(context.Directory, "dags/etl")));
    }

    [Fact]
    public void An_empty_DAG_folder_still_makes_a_context_and_a_tag()
    {
        temp.Folder("empty/dags");

        var context = BuildContextWriter.Write(temp.Combine("empty"), "repo", Airflow, temp.Combine("context"));

        Assert.Equal(0, context.Hash.FileCount);
        Assert.Matches("^[0-9a-f]{12}$", context.Hash.Tag);
        Assert.True(Directory.Exists(Path.Combine(context.Directory, "dags")));
    }

    [Fact]
    public void Thousands_of_files_hash_the_same_every_time()
    {
        for (var i = 0; i < 2000; i++)
        {
            temp.Write($"many/dags/f{i % 37}/dag_{i}.py", $"# {i}\n" + new string('x', i % 500));
        }

        var content = ProjectScanner.Scan(temp.Combine("many"), airflowIgnore: null);
        var parallel = ContentHasher.HashAndWrite(content, null, ["x"]);
        var again = Enumerable.Range(0, 3).Select(_ => ContentHasher.HashAndWrite(content, null, ["x"]).Hex).Distinct().Single();

        Assert.Equal(2000, parallel.FileCount);
        Assert.Equal(parallel.Hex, again);
    }

    private ContentHash Hash(string project, bool excludeAirflowIgnored = false, AirflowRelease? airflow = null)
    {
        var context = BuildContextWriter.Write(project, "repo", airflow ?? Airflow, outputDirectory: null, excludeAirflowIgnored: excludeAirflowIgnored);
        Directory.Delete(context.Directory, recursive: true);
        return context.Hash;
    }
}
