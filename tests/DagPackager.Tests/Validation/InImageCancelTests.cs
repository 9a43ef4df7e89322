using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation;
using AirflowAspire.DagPackager.Tests.TestSupport;
using DockerCli = AirflowAspire.DagPackager.Tests.Build.DockerCli;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>
/// Cancelling validate --in-image removes the container, on a real Docker engine: killing the client of
/// <c>docker run --rm</c> alone leaves the container running. The image is the Debian test image with a
/// "python" that hangs, standing in for an Airflow that hangs on a DAG file.
/// </summary>
public sealed class InImageCancelTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private readonly TempFolder _temp = new();
    private readonly string _image = "dagpackager-test/hanging-python-" + Guid.NewGuid().ToString("N")[..10];
    private bool _usedDocker;

    public void Dispose()
    {
        if (_usedDocker)
        {
            foreach (var container in Containers())
            {
                DockerCli.Run("rm", "--force", container);
            }

            DockerCli.Run("image", "rm", "--force", _image);
        }

        _temp.Dispose();
    }

    [SkippableFact]
    public async Task Cancelling_removes_the_container()
    {
        Python3.Require();
        DockerCli.Require();
        _usedDocker = true;
        MakeImageWithHangingPython();
        var dags = _temp.Folder("dags");
        _temp.Write("dags/good.py", DagSources.WithDag("good"));
        var validator = new DagValidator(new ValidationEnvironment(Environment.GetEnvironmentVariable("PATH"), "docker", false), NoProgress.Instance);
        using var cancel = new CancellationTokenSource();

        var validation = validator.ValidateAsync(new ValidationSettings(dags, IgnoreSyntax.Regexp, _image, false, false), cancel.Token);
        using (var started = new CancellationTokenSource(Bound))
        {
            while (Containers().Count == 0)
            {
                Assert.False(validation.IsCompleted, "validation ended before its container started");
                await Task.Delay(100, started.Token);
            }
        }

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => validation.WaitAsync(Bound));
        Assert.Empty(Containers());
    }

    private void MakeImageWithHangingPython()
    {
        var builder = "dagpackager-test-builder-" + Guid.NewGuid().ToString("N")[..10];
        var setup = DockerCli.Run("run", "--name", builder, "--network", "none", DockerCli.BaseImage, "sh", "-c",
            "printf '#!/bin/sh\\nexec sleep 600\\n' > /usr/local/bin/python && chmod 755 /usr/local/bin/python");
        try
        {
            Assert.True(setup.ExitCode == 0, setup.ToString());
            var commit = DockerCli.Run("commit", builder, _image);
            Assert.True(commit.ExitCode == 0, commit.ToString());
        }
        finally
        {
            DockerCli.Run("rm", "--force", builder);
        }
    }

    private List<string> Containers() =>
        DockerCli.Run("ps", "--all", "--quiet", "--filter", "ancestor=" + _image).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
