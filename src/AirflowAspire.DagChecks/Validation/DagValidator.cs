using AirflowAspire.DagChecks.Tools;
using AirflowAspire.DagChecks.Validation.Discovery;
using AirflowAspire.DagChecks.Validation.Findings;
using AirflowAspire.DagChecks.Validation.InImage;
using AirflowAspire.DagChecks.Validation.Python;

namespace AirflowAspire.DagChecks.Validation;

/// <summary>
/// validate's work: list the folder as Airflow would, compile and analyse every file with python3, check across
/// files, and with an image load the folder with Airflow's DagBag too.
/// </summary>
public sealed class DagValidator(ValidationEnvironment environment, IValidationProgress progress)
{
    /// <exception cref="ValidationUsageException">Bad usage, or nothing to validate with (exit code 2).</exception>
    public async Task<ValidationReport> ValidateAsync(ValidationSettings settings, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(settings.DagFolder);
        if (!Directory.Exists(folder))
        {
            throw new ValidationUsageException(File.Exists(folder)
                ? $"The DAG folder {folder} is a file; give the folder that holds the DAG files."
                : $"The DAG folder {folder} does not exist.");
        }

        // Before any long work: with --in-image and no runtime, nothing else is worth doing.
        var runtime = settings.InImage is null ? null : await FindRuntimeAsync(cancellationToken);

        progress.Report("Listing the DAG folder");
        var listing = DagFolderWalker.List(folder, settings.IgnoreSyntax);
        var problems = new List<Problem>(listing.Problems);
        var dags = new List<DagDefinition>();

        if (listing.Files.Count == 0)
        {
            problems.Add(Problem.Of(ProblemCodes.NoDagFiles, Problem.FolderItself, null, null,
                $"no DAG files: {folder} has no .py file" + (File.Exists(Path.Combine(folder, ".airflowignore")) ? " that .airflowignore keeps" : "")));
        }
        else
        {
            var checks = await PythonChecker.CheckAsync(
                listing.Files,
                environment.SearchPath,
                done => progress.Report("Checking DAG files", done, listing.Files.Count),
                cancellationToken,
                settings.Limits);
            Collect(checks, dags, problems);
        }

        if (!Directory.Exists(folder))
        {
            // Gone while it was checked (a branch switch moves it away): what was read of it says nothing of the DAGs.
            throw new ValidationUsageException($"The DAG folder {folder} does not exist.");
        }

        problems.AddRange(CrossFileChecks.DuplicateDagIds(dags));

        if (runtime is not null && settings.InImage is { } image)
        {
            progress.Report($"Loading the DAGs with Airflow in {image}");
            var loaded = await DagBagLoader.LoadAsync(runtime, image, folder, settings.IgnoreSyntax, cancellationToken);
            Merge(loaded, dags, problems);
        }

        progress.Clear();
        return ValidationReport.Create(dags, problems, listing.Files.Count);
    }

    /// <exception cref="ValidationUsageException">None can run containers here; the message says why.</exception>
    private async Task<ContainerRuntime> FindRuntimeAsync(CancellationToken cancellationToken)
    {
        var search = await ContainerRuntimeLocator.FindAsync(
            environment.ContainerRuntimeSetting, ContainerRuntimeLocator.SettingVariable, environment.SearchPath, cancellationToken);
        return search.Runtime ?? throw new ValidationUsageException(
            $"--in-image needs a container runtime to load the DAGs with Airflow, and none can run containers here: {search.Problem} " +
            "Or validate without --in-image.");
    }

    private static void Collect(IEnumerable<FileCheck> checks, List<DagDefinition> dags, List<Problem> problems)
    {
        foreach (var check in checks)
        {
            problems.AddRange(check.Problems.Select(p => Problem.Of(p.Code, check.File, p.Line, p.Column, p.Message)));
            foreach (var dag in check.Dags)
            {
                if (dag.DagId is { } dagId)
                {
                    dags.Add(new DagDefinition(dagId, check.File, dag.Line));
                }
                else
                {
                    problems.Add(Problem.Of(ProblemCodes.DynamicDagId, check.File, dag.Line, null,
                        "the DAG id is computed when the file runs, so it is not checked for duplicates here; --in-image loads it"));
                }
            }

            if (CrossFileChecks.NoDag(check) is { } noDag)
            {
                problems.Add(noDag);
            }
        }
    }

    /// <summary>Airflow's import errors (except where a syntax error already says it) and the DAGs only Airflow saw.</summary>
    private static void Merge(DagBagResult loaded, List<DagDefinition> dags, List<Problem> problems)
    {
        var unparsable = problems.Where(p => ProblemCodes.MeansUnparsable(p.Code)).Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        foreach (var error in loaded.ImportErrors.Where(e => !unparsable.Contains(e.File)))
        {
            problems.Add(Problem.Of(ProblemCodes.ImportError, error.File, error.Line, null, $"Airflow cannot import it: {error.Message}"));
        }

        var known = dags.Select(d => (d.DagId, d.File)).ToHashSet();
        dags.AddRange(loaded.Dags.Where(d => !known.Contains((d.DagId, d.File))).Select(d => new DagDefinition(d.DagId, d.File, null)));
    }
}
