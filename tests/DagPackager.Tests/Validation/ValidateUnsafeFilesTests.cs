using System.Diagnostics;
using System.Runtime.Versioning;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation;
using AirflowAspire.DagChecks.Validation.Python;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>
/// Files that used to hang or crash the whole check: a FIFO named like a DAG file (reading it blocks), a coding
/// declaration naming a codec that is no text encoding, expressions nested too deep for the compiler. Each is
/// reported as a finding on its file and the other files are still checked; cancelling stops python3.
/// </summary>
public sealed class ValidateUnsafeFilesTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private readonly TempFolder _temp;
    private readonly string _dags;

    public ValidateUnsafeFilesTests()
    {
        Python3.Require();
        _temp = new TempFolder();
        _dags = _temp.Folder("dags");
        _temp.Write("dags/good.py", DagSources.WithDag("good"));
    }

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task A_fifo_named_like_a_DAG_file_is_reported_without_being_read()
    {
        Skip.If(OperatingSystem.IsWindows(), "no FIFOs on Windows");
        var fifo = Path.Combine(_dags, "x.py");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            Assert.True(mkfifo.WaitForExit(Bound) && mkfifo.ExitCode == 0, "mkfifo failed");
        }

        var validation = CommandRun.InvokeAsync("validate", _dags, "--json");
        try
        {
            var run = await validation.WaitAsync(Bound);

            var report = JsonReport.Parse(run.Output);
            var problem = Assert.Single(report.Problems, p => p.File == "x.py");
            Assert.Equal(("not-a-regular-file", "error"), (problem.Code, problem.Severity));
            Assert.Contains("FIFO", problem.Message);
            Assert.Contains(report.Dags, d => d.DagId == "good");
            Assert.True(run.ExitCode == 1, run.ToString());
        }
        finally
        {
            // A reader blocked on the FIFO (before the fix) gets an end of file, so that no python3 is left behind.
            if (!validation.IsCompleted)
            {
                await Task.Run(() => File.WriteAllText(fifo, "")).WaitAsync(Bound);
            }
        }
    }

    [SkippableFact]
    public async Task A_coding_declaration_that_is_no_text_encoding_is_reported_and_the_other_files_still_checked()
    {
        _temp.Write("dags/zipped.py", "# coding: zlib\nfrom airflow.sdk import DAG\n");

        var run = await CommandRun.InvokeAsync("validate", _dags, "--json").WaitAsync(Bound);

        var report = JsonReport.Parse(run.Output);
        var problem = Assert.Single(report.Problems, p => p.File == "zipped.py");
        Assert.Equal(("bad-encoding", "error"), (problem.Code, problem.Severity));
        Assert.Contains("zlib", problem.Message);
        Assert.Contains(report.Dags, d => d.DagId == "good");
        Assert.True(run.ExitCode == 1, run.ToString());
    }

    [SkippableFact]
    public async Task Expressions_nested_too_deep_for_the_compiler_are_reported_and_the_other_files_still_checked()
    {
        _temp.Write("dags/long_sum.py", "from airflow.sdk import DAG\nx = " + string.Join('+', Enumerable.Repeat("1", 200_000)) + "\n");
        _temp.Write("dags/many_minus.py", "from airflow.sdk import DAG\nx = " + new string('-', 50_000) + "1\n");

        var run = await CommandRun.InvokeAsync("validate", _dags, "--json").WaitAsync(Bound);

        var report = JsonReport.Parse(run.Output);
        foreach (var file in new[] { "long_sum.py", "many_minus.py" })
        {
            var problem = Assert.Single(report.Problems, p => p.File == file);
            Assert.Equal(("check-failed", "error"), (problem.Code, problem.Severity));
            Assert.Contains("nested too deeply", problem.Message);
        }

        Assert.Contains(report.Dags, d => d.DagId == "good");
        Assert.True(run.ExitCode == 1, run.ToString());
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Cancelling_validation_stops_python3_and_its_children()
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in python3 is a shell script");
        // A python3 on PATH that starts the real one as its child, which records its process id and then hangs.
        var pidFile = _temp.Combine("checker.pid");
        var bin = _temp.Folder("bin");
        File.WriteAllText(Path.Combine(bin, "python3"),
            $"#!/bin/sh\n'{Python3.Find()}' -c 'import os, time; open(\"{pidFile}\", \"w\").write(str(os.getpid())); time.sleep(600)'\n");
        File.SetUnixFileMode(Path.Combine(bin, "python3"), (UnixFileMode)0b111_101_101);
        var validator = new DagValidator(new ValidationEnvironment(bin, null, false), NoProgress.Instance);
        using var cancel = new CancellationTokenSource();

        var validation = validator.ValidateAsync(new ValidationSettings(_dags, IgnoreSyntax.Regexp, null, false, false), cancel.Token);
        var pid = await ReadPidAsync(pidFile);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => validation.WaitAsync(Bound));
        Assert.True(await ExitedAsync(pid), $"python3 (process {pid}) is still running after validation was cancelled");
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_file_python3_does_not_finish_in_time_or_dies_on_is_reported_and_the_files_after_it_still_checked()
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in python3 is a shell script");
        // A stand-in checker that speaks check_dags.py's protocol, hangs on slow.py and dies on crash.py.
        _temp.Write("dags/a_first.py", "x = 1\n");
        _temp.Write("dags/crash.py", "x = 1\n");
        _temp.Write("dags/slow.py", "x = 1\n");
        var checker = _temp.Write("stand-in-checker.py", """
            import json, os, sys, time
            request = json.loads(sys.stdin.read())
            print(json.dumps({"ready": True}), flush=True)
            for entry in request["files"]:
                if entry["file"] == "slow.py":
                    time.sleep(600)
                if entry["file"] == "crash.py":
                    sys.stderr.write("Fatal Python error: Segmentation fault\n")
                    os._exit(139)
                print(json.dumps({"file": entry["file"], "mightContainDag": False, "dags": [], "problems": []}), flush=True)
            """);
        var bin = _temp.Folder("bin");
        File.WriteAllText(Path.Combine(bin, "python3"), $"#!/bin/sh\nexec '{Python3.Find()}' '{checker}'\n");
        File.SetUnixFileMode(Path.Combine(bin, "python3"), (UnixFileMode)0b111_101_101);
        var validator = new DagValidator(new ValidationEnvironment(bin, null, false), NoProgress.Instance);
        var limits = new CheckLimits(TimeSpan.FromSeconds(5), 1L << 30);

        var report = await validator.ValidateAsync(new ValidationSettings(_dags, IgnoreSyntax.Regexp, null, false, false, limits), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(4, report.FilesChecked);
        var timeout = Assert.Single(report.Problems, p => p.File == "slow.py");
        Assert.Equal("check-timeout", timeout.Code);
        Assert.Contains("took longer than 5 s", timeout.Message);
        var crash = Assert.Single(report.Problems, p => p.File == "crash.py");
        Assert.Equal("check-failed", crash.Code);
        Assert.Contains("exit code 139: Fatal Python error: Segmentation fault", crash.Message);
        Assert.DoesNotContain(report.Problems, p => p.File is "a_first.py" or "good.py");
    }

    private static async Task<int> ReadPidAsync(string file)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!(File.Exists(file) && int.TryParse(File.ReadAllText(file), out _)))
        {
            await Task.Delay(50, bound.Token);
        }

        return int.Parse(File.ReadAllText(file));
    }

    /// <summary>Whether the process is gone (or a zombie no one waits for) within the bound; kills it if not, to leave nothing behind.</summary>
    private static async Task<bool> ExitedAsync(int pid)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (!IsRunning(pid))
            {
                return true;
            }

            await Task.Delay(100);
        }

        Process.GetProcessById(pid).Kill();
        return false;
    }

    private static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        try
        {
            return !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z'));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
