namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>A <c>{...}</c> found in a manifest string, or a brace that is neither a placeholder nor doubled.</summary>
public sealed record PlaceholderToken(string Text, bool IsMalformed, string? Problem = null);

/// <summary>
/// Finds the placeholders in a manifest string. Doubled braces (<c>{{</c>, <c>}}</c>) are literal text and skipped;
/// a single brace that does not open or close a placeholder is reported as malformed.
/// </summary>
public static class PlaceholderScanner
{
    public static IEnumerable<PlaceholderToken> Scan(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var doubled = i + 1 < text.Length && text[i + 1] == c;
            if (c is '{' or '}' && doubled)
            {
                i += 2;
                continue;
            }

            if (c == '}')
            {
                yield return new PlaceholderToken("}", true, "a single '}' closes no placeholder; write a literal brace as '}}'");
                i++;
                continue;
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            var nextOpen = text.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                yield return new PlaceholderToken(text[i..], true, "a '{' opens no placeholder; write a literal brace as '{{'");
                i++;
                continue;
            }

            yield return new PlaceholderToken(text[(i + 1)..close], false);
            i = close + 1;
        }
    }
}
