namespace AirflowAspire.DagPackager.Hashing;

/// <summary>A file that goes into the image: where it is read, and its '/'-separated path in the build context.</summary>
internal sealed record ImageFile(string SourcePath, string ContextPath);

/// <summary>
/// Everything of a project that goes into the image, in ordinal order of the context paths: the folders
/// (Docker copies empty ones too) and the files.
/// </summary>
internal sealed record ImageContent(IReadOnlyList<string> Directories, IReadOnlyList<ImageFile> Files);
