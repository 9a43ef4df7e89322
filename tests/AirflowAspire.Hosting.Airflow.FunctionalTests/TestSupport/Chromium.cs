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
}
