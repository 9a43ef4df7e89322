namespace AirflowAspire.DagChecks.Validation.Findings;

/// <summary>Every finding validate reports, by its stable code (the <c>code</c> of --json), with its severity.</summary>
public static class ProblemCodes
{
    // A file Airflow could not import.
    public const string SyntaxError = "syntax-error";
    public const string NotUtf8 = "not-utf8";
    public const string BadEncoding = "bad-encoding";
    public const string Unreadable = "unreadable";
    public const string ImportError = "import-error";
    public const string NotARegularFile = "not-a-regular-file";
    public const string CheckFailed = "check-failed";
    public const string CheckTimeout = "check-timeout";

    // The folder.
    public const string NoDagFiles = "no-dag-files";
    public const string SymlinkOutside = "symlink-outside";
    public const string BrokenSymlink = "broken-symlink";
    public const string SymlinkLoop = "symlink-loop";
    public const string InvalidIgnoreGlob = "invalid-ignore-glob";
    public const string InvalidIgnoreRegexp = "invalid-ignore-regexp";

    // The DAGs.
    public const string DuplicateDagId = "duplicate-dag-id";
    public const string NoDag = "no-dag";
    public const string DagNotCalled = "dag-not-called";
    public const string DynamicDagId = "dynamic-dag-id";

    // Best practices.
    public const string ImportTimeCall = "import-time-call";
    public const string SyntaxWarning = "syntax-warning";

    public static Severity SeverityOf(string code) => code switch
    {
        SyntaxError or NotUtf8 or BadEncoding or Unreadable or ImportError => Severity.Error,
        NotARegularFile or CheckFailed or CheckTimeout => Severity.Error,
        NoDagFiles or SymlinkOutside or BrokenSymlink or SymlinkLoop or InvalidIgnoreGlob => Severity.Error,
        DuplicateDagId => Severity.Error,
        NoDag or DagNotCalled or ImportTimeCall or SyntaxWarning or InvalidIgnoreRegexp => Severity.Warning,
        DynamicDagId => Severity.Info,
        _ => Severity.Error,
    };

    /// <summary>Codes meaning that the file could not be read as Python at all.</summary>
    public static bool MeansUnparsable(string code) => code is SyntaxError or NotUtf8 or BadEncoding or Unreadable or NotARegularFile or CheckFailed or CheckTimeout;
}
