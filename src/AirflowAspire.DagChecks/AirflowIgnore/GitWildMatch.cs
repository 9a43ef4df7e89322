using System.Text;
using System.Text.RegularExpressions;

namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// Translates a gitignore pattern into a regular expression over a slash-separated relative path, with the
/// semantics of pathspec's <c>GitWildMatchPattern</c>, which Airflow uses for the glob syntax.
/// </summary>
public static class GitWildMatch
{
    /// <summary>The regex and whether a match ignores (true) or takes back in (false, "!"); null for no-op lines.</summary>
    /// <exception cref="FormatException">The pattern is invalid (a trailing escape, nothing left after normalizing).</exception>
    public static (string Regex, bool Include)? Translate(string pattern)
    {
        pattern = pattern.EndsWith("\\ ", StringComparison.Ordinal) ? pattern.TrimStart() : pattern.Trim();
        if (pattern.Length == 0 || pattern.StartsWith('#') || pattern == "/")
        {
            return null;
        }

        var include = true;
        if (pattern.StartsWith('!'))
        {
            include = false;
            pattern = pattern[1..];
        }

        var segments = pattern.Split('/').ToList();

        for (var i = segments.Count - 1; i > 0; i--)
        {
            if (segments[i - 1] == "**" && segments[i] == "**")
            {
                segments.RemoveAt(i);
            }
        }

        if (segments.Count == 2 && segments[0] == "**" && segments[1].Length == 0)
        {
            // "**/" matches everything but the files at the root (a directory is matched with its trailing slash).
            return ("^.+/.*$", include);
        }

        if (segments[0].Length == 0)
        {
            segments.RemoveAt(0);
        }
        else if (segments.Count == 1 || (segments.Count == 2 && segments[1].Length == 0))
        {
            if (segments[0] != "**")
            {
                segments.Insert(0, "**");
            }
        }

        if (segments.Count == 0)
        {
            throw new FormatException($"Invalid gitignore pattern: '{pattern}'.");
        }

        if (segments[^1].Length == 0 && segments.Count > 1)
        {
            segments[^1] = "**";
        }

        var output = new StringBuilder("^");
        var needSlash = false;
        var end = segments.Count - 1;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment == "**")
            {
                if (i == 0 && i == end)
                {
                    output.Append("[^/]+(?:/.*)?");
                }
                else if (i == 0)
                {
                    output.Append("(?:.+/)?");
                    needSlash = false;
                }
                else if (i == end)
                {
                    output.Append("/.*");
                }
                else
                {
                    output.Append("(?:/.+)?");
                    needSlash = true;
                }

                continue;
            }

            if (needSlash)
            {
                output.Append('/');
            }

            output.Append(segment == "*" ? "[^/]+" : TranslateSegment(segment, pattern));
            if (i == end)
            {
                output.Append("(?:/.*)?");
            }

            needSlash = true;
        }

        output.Append('$');
        return (output.ToString(), include);
    }

    private static string TranslateSegment(string segment, string pattern)
    {
        var regex = new StringBuilder();
        var escape = false;
        var i = 0;
        while (i < segment.Length)
        {
            var c = segment[i++];
            if (escape)
            {
                escape = false;
                regex.Append(Regex.Escape(c.ToString()));
            }
            else if (c == '\\')
            {
                escape = true;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[')
            {
                i = AppendBracket(segment, i, regex);
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        if (escape)
        {
            throw new FormatException($"Invalid gitignore pattern: '{pattern}' ends with an escape character.");
        }

        return regex.ToString();
    }

    /// <summary>Appends a bracket expression starting after '[' at <paramref name="i"/>; returns the index after it.</summary>
    private static int AppendBracket(string segment, int i, StringBuilder regex)
    {
        var j = i;
        if (j < segment.Length && segment[j] is '!' or '^')
        {
            j++;
        }

        if (j < segment.Length && segment[j] == ']')
        {
            j++;
        }

        while (j < segment.Length && segment[j] != ']')
        {
            j++;
        }

        if (j >= segment.Length)
        {
            regex.Append(@"\[");
            return i;
        }

        j++;
        var expression = new StringBuilder("[");
        if (segment[i] is '!' or '^')
        {
            expression.Append('^');
            i++;
        }

        // .NET reads "[" inside a class as the start of a subtraction, and "\" as an escape: make both literal.
        expression.Append(segment[i..(j - 1)].Replace(@"\", @"\\").Replace("[", @"\[")).Append(']');
        regex.Append(expression);
        return j;
    }
}
