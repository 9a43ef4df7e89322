using System.Text.RegularExpressions;

namespace AirflowAspire.DagPackager.Build;

/// <summary>An image repository without a tag, e.g. <c>registry.example.com:5000/team/airflow-dags</c>, as Docker spells them.</summary>
internal static partial class RepositoryName
{
    public const string Default = "airflow-dags";

    public static string Check(string repository)
    {
        if (!Pattern().IsMatch(repository) || repository.Length > 255)
        {
            throw new PackagerError(
                $"'{repository}' is not an image repository; write it as [registry[:port]/]path in lowercase, without a tag, e.g. registry.example.com/team/airflow-dags.");
        }

        return repository;
    }

    // Docker's reference grammar: an optional host[:port] part, then lowercase path components joined by '/'.
    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?|localhost(?::\d+)?)/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Pattern();
}
