using System.Text;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Shell scripts carried in container arguments. Kubernetes expands <c>$(VAR)</c> in arguments before the shell
/// runs, so a rendered argument becomes a shell word whose literal text is single-quoted and whose <c>$(VAR)</c>
/// references become quoted expansions of the same variable (a secret never passes through the shell's parser),
/// and a finished script is escaped so that Kubernetes hands it to the shell as written.
/// </summary>
internal static class KubeletShell
{
    /// <summary>Rendered arguments as the words of one shell command.</summary>
    public static string Command(IEnumerable<string> renderedArguments) => string.Join(' ', renderedArguments.Select(Word));

    /// <summary>One rendered argument as one shell word, e.g. <c>pa'ss$(VAR)</c> as <c>'pa'\''ss'"${VAR}"</c>.</summary>
    public static string Word(string renderedArgument)
    {
        var word = new StringBuilder();
        var literal = new StringBuilder();
        for (var i = 0; i < renderedArgument.Length; i++)
        {
            if (renderedArgument[i] == '$' && i + 1 < renderedArgument.Length)
            {
                var next = renderedArgument[i + 1];
                if (next == '$')
                {
                    literal.Append('$');
                    i++;
                    continue;
                }

                var close = next == '(' ? renderedArgument.IndexOf(')', i + 2) : -1;
                if (close > 0 && IsVariableName(renderedArgument[(i + 2)..close]))
                {
                    AppendLiteral(word, literal);
                    word.Append("\"${").Append(renderedArgument, i + 2, close - i - 2).Append("}\"");
                    i = close;
                    continue;
                }
            }

            literal.Append(renderedArgument[i]);
        }

        AppendLiteral(word, literal);
        return word.Length == 0 ? "''" : word.ToString();
    }

    /// <summary>Escapes what Kubernetes would expand (<c>$(</c> and <c>$$</c>), so the shell receives <paramref name="script"/> unchanged.</summary>
    public static string EscapeForKubelet(string script)
    {
        var escaped = new StringBuilder(script.Length);
        for (var i = 0; i < script.Length; i++)
        {
            escaped.Append(script[i]);
            if (script[i] == '$' && i + 1 < script.Length && script[i + 1] is '$' or '(')
            {
                escaped.Append('$');
            }
        }

        return escaped.ToString();
    }

    private static void AppendLiteral(StringBuilder word, StringBuilder literal)
    {
        if (literal.Length == 0)
        {
            return;
        }

        var text = literal.ToString();
        word.Append(text.All(IsPlain) ? text : $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'");
        literal.Clear();
    }

    /// <summary>Characters no shell treats specially, so a word of only these needs no quotes.</summary>
    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c, StringComparison.Ordinal);

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
