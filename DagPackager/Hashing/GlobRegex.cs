using System.Text;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// Turns a path glob into a regular expression over '/'-separated relative paths: <c>*</c> and <c>?</c>
/// stay inside one path segment, <c>**</c> crosses segments, <c>[...]</c> is a character class (<c>[!...]</c>
/// negated) and <c>\</c> escapes the next character: the syntax of .dockerignore lines (.airflowignore's glob
/// syntax, gitignore's, is <see cref="AirflowIgnore.GitWildMatch"/>).
/// </summary>
internal static class GlobRegex
{
    public static string Translate(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when At(glob, i + 1, '*'):
                    var atSegmentStart = i == 0 || glob[i - 1] == '/';
                    i++;
                    if (atSegmentStart && At(glob, i + 1, '/'))
                    {
                        regex.Append("(?:.*/)?"); // "**/": zero or more whole folders
                        i++;
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[' when glob.IndexOf(']', i + 2) is var close and > 0:
                    regex.Append(CharacterClass(glob[(i + 1)..close]));
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(System.Text.RegularExpressions.Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    regex.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static string CharacterClass(string body)
    {
        var negated = body.Length > 0 && (body[0] == '!' || body[0] == '^');
        if (negated)
        {
            body = body[1..];
        }

        // Inside a class only '\', '^' and '[' need escaping for .NET; ']' cannot appear (it ends the class).
        var escaped = body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("^", "\\^", StringComparison.Ordinal);
        return negated ? $"[^/{escaped}]" : $"[{escaped}]";
    }
}
