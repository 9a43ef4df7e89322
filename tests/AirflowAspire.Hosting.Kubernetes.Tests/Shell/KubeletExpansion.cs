using System.Text;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Shell;

/// <summary>
/// How Kubernetes expands a container's arguments before it runs them, as its API reference documents it:
/// <c>$(VAR)</c> becomes the value of a variable the container defines and stays as written otherwise, <c>$$</c>
/// becomes <c>$</c>, and any other <c>$</c> is kept.
/// </summary>
internal static class KubeletExpansion
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> variables)
    {
        var expanded = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 == text.Length)
            {
                expanded.Append(text[i]);
                continue;
            }

            var next = text[i + 1];
            var close = next == '(' ? text.IndexOf(')', i + 2) : -1;
            if (next == '$')
            {
                expanded.Append('$');
                i++;
            }
            else if (close > 0)
            {
                var name = text[(i + 2)..close];
                expanded.Append(variables.TryGetValue(name, out var value) ? value : $"$({name})");
                i = close;
            }
            else
            {
                expanded.Append('$');
            }
        }

        return expanded.ToString();
    }
}
