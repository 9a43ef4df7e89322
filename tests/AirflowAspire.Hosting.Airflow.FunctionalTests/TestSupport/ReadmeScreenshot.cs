using Microsoft.Playwright;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// Keeps docs/dashboard.png, the README's picture, up to date without churn: Chromium anti-aliases rounded
/// corners a little differently from run to run, and every run shows its own start times and host ports, so the
/// file is rewritten only when the page looks different outside the clock times and local URLs it shows.
/// </summary>
internal static class ReadmeScreenshot
{
    // A few corner pixels flip between runs; any real change of the page touches far more.
    private const int NoisePixels = 64;

    /// <summary>
    /// Where the page shows a clock time (e.g. a resource's start time) or a local URL with a port picked for the run,
    /// in the screenshot's pixels.
    /// </summary>
    private const string ChangingAreas = """
        () => {
          const scale = window.devicePixelRatio;
          const changing = t => /^\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?$/.test(t) || /^[a-z][a-z0-9+.-]*:\/\/(localhost|127\.0\.0\.1|[\w.-]+\.dev\.localhost):\d+/.test(t);
          return [...document.querySelectorAll("body *")]
            .filter(e => e.children.length === 0 && changing(e.textContent.trim()))
            .map(e => e.getBoundingClientRect())
            .map(r => [Math.floor(r.left * scale), Math.floor(r.top * scale), Math.ceil(r.right * scale), Math.ceil(r.bottom * scale)]);
        }
        """;

    private const string CountDifferingPixels = """
        async ([first, second, ignored]) => {
          const load = async (src) => { const image = new Image(); image.src = src; await image.decode(); return image; };
          const pixels = (image) => {
            const canvas = new OffscreenCanvas(image.width, image.height);
            const context = canvas.getContext("2d");
            context.drawImage(image, 0, 0);
            return context.getImageData(0, 0, image.width, image.height).data;
          };
          const [a, b] = await Promise.all([load(first), load(second)]);
          if (a.width !== b.width || a.height !== b.height) return -1;
          const [pa, pb] = [pixels(a), pixels(b)];
          const skip = (x, y) => ignored.some(([left, top, right, bottom]) => x >= left && x < right && y >= top && y < bottom);
          let differing = 0;
          for (let i = 0; i < pa.length; i += 4) {
            const pixel = i / 4;
            if ((pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) && !skip(pixel % a.width, Math.floor(pixel / a.width))) differing++;
          }
          return differing;
        }
        """;

    public static async Task SaveAsync(IPage page)
    {
        var changing = await page.EvaluateAsync<int[][]>(ChangingAreas);
        var picture = await page.ScreenshotAsync();
        var path = RepositoryFolders.DashboardScreenshot;
        if (File.Exists(path) && await LooksTheSameAsync(page.Context, await File.ReadAllBytesAsync(path), picture, changing))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, picture);
    }

    private static async Task<bool> LooksTheSameAsync(IBrowserContext context, byte[] existing, byte[] fresh, int[][] ignored)
    {
        // A blank page of its own: the dashboard's content security policy is not in the way there.
        var scratch = await context.NewPageAsync();
        try
        {
            var differing = await scratch.EvaluateAsync<int>(CountDifferingPixels, new object[] { DataUrl(existing), DataUrl(fresh), ignored });
            return differing >= 0 && differing <= NoisePixels;
        }
        finally
        {
            await scratch.CloseAsync();
        }
    }

    private static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
