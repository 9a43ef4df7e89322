using System.Runtime.CompilerServices;
using AirflowAspire.Hosting.Dashboard;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.Playwright;

namespace AirflowAspire.Dashboard.Tests.TestSupport;

/// <summary>
/// A dashboard on a free port over the real notification and log services, and a Chromium page to look at
/// it with. Disposing stops both.
/// </summary>
internal sealed class DashboardSession : IAsyncDisposable
{
    // Generous: on two busy cores a page can take seconds; a live update that never comes still fails.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    static DashboardSession() => Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);

    private DashboardSession(
        DashboardHost host, ResourceNotificationService resources, ResourceLogService logs, IResourceCommands commands,
        IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        Host = host;
        Resources = resources;
        Logs = logs;
        Commands = commands;
        this.playwright = playwright;
        this.browser = browser;
        Context = context;
        Page = page;
    }

    public DashboardHost Host { get; }

    public ResourceNotificationService Resources { get; }

    public ResourceLogService Logs { get; }

    /// <summary>The commands the page's buttons reach: a recorder unless the test passed the real orchestrator.</summary>
    public IResourceCommands Commands { get; }

    public RecordingResourceCommands RecordedCommands => (RecordingResourceCommands)Commands;

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<DashboardSession> StartAsync(
        ResourceNotificationService? resources = null, ResourceLogService? logs = null, bool requireToken = true, IResourceCommands? commands = null)
    {
        Chromium.SkipOrFailIfMissing();
        resources ??= SampleResources.Create();
        logs ??= new ResourceLogService();
        commands ??= new RecordingResourceCommands(resources);
        var options = new DashboardOptions { Port = 0, RequireToken = requireToken };
        var host = await DashboardHost.StartAsync(options, resources, logs, commands, CancellationToken.None);
        IPlaywright? playwright = null;
        try
        {
            playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await Chromium.LaunchAsync(playwright);
            // A fixed zone, locale and size: the same page gives the same picture on every machine.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                TimezoneId = "UTC",
                Locale = "en-GB",
                ViewportSize = new ViewportSize { Width = 1360, Height = 640 },
            });
            context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
            var page = await context.NewPageAsync();
            return new DashboardSession(host, resources, logs, commands, playwright, browser, context, page);
        }
        catch
        {
            playwright?.Dispose();
            await host.DisposeAsync();
            throw;
        }
    }

    public string Url(string path) => new Uri(Host.BaseAddress, path).ToString();

    public async Task LoginAsync()
    {
        var response = await Page.GotoAsync(Host.LoginUrl);
        Assert.Equal(200, response!.Status);
    }

    /// <summary>Runs the test's steps; when they fail, keeps a picture of the page under TestResults.</summary>
    public async Task RunAsync(Func<IPage, Task> steps, [CallerMemberName] string testName = "")
    {
        try
        {
            await steps(Page);
        }
        catch
        {
            Directory.CreateDirectory(RepositoryPaths.FailureScreenshots);
            var path = Path.Combine(RepositoryPaths.FailureScreenshots, $"{testName}.png");
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            }
            catch (PlaywrightException)
            {
                // A page that crashed has no picture; the test's own failure is what matters.
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
        await Host.DisposeAsync();
    }
}
