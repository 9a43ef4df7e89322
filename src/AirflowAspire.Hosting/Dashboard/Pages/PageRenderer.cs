using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Dashboard.Pages;

/// <summary>
/// Puts a page's body into the layout and fills <c>{{name}}</c> placeholders with HTML-encoded values, in one
/// pass, so a value that itself looks like a placeholder stays text.
/// </summary>
internal static partial class PageRenderer
{
    public static string Render(string bodyTemplate, string script, string title, string page, string resource = "")
    {
        var html = EmbeddedAssets.ReadText("layout.html").Replace("{{body}}", EmbeddedAssets.ReadText(bodyTemplate));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = title,
            ["page"] = page,
            ["script"] = script,
            ["resource"] = resource,
        };
        return Placeholder().Replace(html, match =>
            values.TryGetValue(match.Groups[1].Value, out var value) ? HtmlEncoder.Default.Encode(value) : match.Value);
    }

    [GeneratedRegex(@"\{\{([a-z]+)\}\}")]
    private static partial Regex Placeholder();
}
