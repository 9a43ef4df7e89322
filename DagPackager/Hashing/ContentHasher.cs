using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// Hashes what goes into an image and, given a context folder, puts it there in the same pass.
/// <para>
/// The hash is SHA-256 over, in ordinal order of the context paths: <c>d &lt;path&gt;/</c> for each folder and
/// <c>f &lt;mode&gt; &lt;sha256 of the bytes&gt; &lt;path&gt;</c> for each file (mode 755 when the owner may execute it,
/// else 644), each ended by a NUL, then <c>x &lt;UTF-8 length&gt; &lt;text&gt;</c> and a NUL for the Dockerfile's
/// text and each other input (such as another base image). Paths are relative with '/', so the hash is the same
/// on any machine; timestamps, owners and the project's location do not count.
/// </para>
/// <para>
/// Files are read once each, in parallel (<see cref="ContextFileWriter"/>), streamed through one buffer per thread
/// into the hash, so memory stays flat however many there are. Into the context each goes as a hard link to the
/// project's file where <see cref="HardLinks"/> allows (same filesystem, and the file already 0644 or 0755): then
/// writing the context costs a directory entry per file instead of a new file and its data. Otherwise it is a
/// copy written in the same pass, with exactly the hashed mode (0755 or 0644, whatever the umask). Folders are
/// new, 0755.
/// </para>
/// <para>
/// A link is the project's file itself, so an edit made in place to a source file shows in the context too, and
/// the image would no longer be what the hash says. Links are therefore only for a context that is written fresh
/// for one build and deleted after it: the build reads it right after it is hashed, and the next build hashes and
/// links again. A context that is kept (<c>--output</c>, <c>--context-only</c>) holds copies. Linking and deleting the
/// links touch the project files' change time (not their contents or modification time), so git re-reads them once
/// at its next status.
/// </para>
/// </summary>
internal static class ContentHasher
{
    public const string FormatVersion = "dag-packager content hash v1";

    /// <param name="content">What goes into the image.</param>
    /// <param name="contextDirectory">An empty folder to put it into, or null to hash only.</param>
    /// <param name="extraInputs">Texts that also shape the image, e.g. the Dockerfile, in a fixed order.</param>
    /// <param name="hardLinks">Link files into the context where possible: only for a context deleted after one build.</param>
    /// <param name="filesDone">Counts the files done, for progress.</param>
    public static ContentHash HashAndWrite(
        ImageContent content, string? contextDirectory, IReadOnlyList<string> extraInputs, bool hardLinks = false, StrongBox<int>? filesDone = null)
    {
        var regularAsIs = true;
        if (contextDirectory is not null)
        {
            CreateDirectories(content, contextDirectory);
            regularAsIs = ContextFileWriter.CreatesRegularMode(contextDirectory);
        }

        var files = content.Files;
        var digests = new byte[files.Count * SHA256.HashSizeInBytes];
        var executable = new bool[files.Count];
        long bytes = 0;
        if (files.Count == 0)
        {
            return new ContentHash(Combine(content, digests, executable, extraInputs), 0, 0);
        }

        var links = contextDirectory is not null && hardLinks ? new HardLinks() : null;

        // Ranges of neighbouring files (mostly one folder each) keep the threads out of each other's folders.
        var chunk = Math.Max(16, files.Count / (Environment.ProcessorCount * 16));
        Parallel.ForEach(
            Partitioner.Create(0, files.Count, chunk),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new ContextFileWriter(regularAsIs, links),
            (range, _, writer) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var target = contextDirectory is null ? null : Path.Combine(contextDirectory, files[i].ContextPath);
                    writer.Write(files[i].SourcePath, target, digests.AsSpan(i * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes), out executable[i]);
                    if (filesDone is not null)
                    {
                        Interlocked.Increment(ref filesDone.Value);
                    }
                }

                return writer;
            },
            writer =>
            {
                Interlocked.Add(ref bytes, writer.Bytes);
                writer.Dispose();
            });

        return new ContentHash(Combine(content, digests, executable, extraInputs), files.Count, bytes);
    }

    private static string Combine(ImageContent content, byte[] digests, bool[] executable, IReadOnlyList<string> extraInputs)
    {
        using var total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        total.AppendData(Encoding.UTF8.GetBytes(FormatVersion + "\0"));
        var hex = new char[SHA256.HashSizeInBytes * 2];
        int d = 0, f = 0;
        var files = content.Files;
        var directories = content.Directories;
        while (d < directories.Count || f < files.Count)
        {
            // Folders and files in one ordinal order of their paths (a folder's '/' sorts it before its files).
            if (f == files.Count || (d < directories.Count && string.CompareOrdinal(directories[d] + "/", files[f].ContextPath) <= 0))
            {
                total.AppendData(Encoding.UTF8.GetBytes($"d {directories[d++]}/\0"));
                continue;
            }

            Convert.TryToHexStringLower(digests.AsSpan(f * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes), hex, out _);
            total.AppendData(Encoding.UTF8.GetBytes($"f {(executable[f] ? "755" : "644")} {hex.AsSpan()} {files[f].ContextPath}\0"));
            f++;
        }

        foreach (var input in extraInputs)
        {
            var bytes = Encoding.UTF8.GetBytes(input);
            total.AppendData(Encoding.UTF8.GetBytes($"x {bytes.Length} "));
            total.AppendData(bytes);
            total.AppendData("\0"u8);
        }

        return Convert.ToHexStringLower(total.GetHashAndReset());
    }

    private static void CreateDirectories(ImageContent content, string contextDirectory)
    {
        foreach (var directory in content.Directories)
        {
            var path = Path.Combine(contextDirectory, directory);
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, ContextFileWriter.Executable);
            }
        }
    }
}
