using Microsoft.Playwright;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>Debian's Chromium, driven by Playwright (which cannot download a browser of its own here).</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // The machine reaches no network beyond package registries: nothing in the browser may try to reach out.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public static void SkipOrFailIfMissing() =>
        RequiredTool.SkipOrFailIfMissing(!File.Exists(ExecutablePath), $"Chromium is not installed at {ExecutablePath} (Debian package chromium)");

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });

    /// <summary>
    /// A new 1600x900 page of <paramref name="browser"/> (closed with it), whose actions and expectations wait up to
    /// <paramref name="timeout"/>: the dashboard's grid fills some seconds after login on a busy machine (Playwright's
    /// default is 5 s).
    /// </summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, TimeSpan timeout)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)timeout.TotalMilliseconds);
        return page;
    }
}
