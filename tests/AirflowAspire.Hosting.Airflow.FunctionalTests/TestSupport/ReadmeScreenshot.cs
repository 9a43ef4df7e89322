using Microsoft.Playwright;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// Keeps docs/dashboard.png, the README's picture, up to date without churn: Chromium anti-aliases rounded
/// corners a little differently from run to run, so the file is rewritten only when the page looks different.
/// </summary>
internal static class ReadmeScreenshot
{
    // A few corner pixels flip between runs; any real change of the page touches far more.
    private const int NoisePixels = 64;

    private const string CountDifferingPixels = """
        async ([first, second]) => {
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
          let differing = 0;
          for (let i = 0; i < pa.length; i += 4) {
            if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) differing++;
          }
          return differing;
        }
        """;

    public static async Task SaveAsync(IPage page)
    {
        var picture = await page.ScreenshotAsync();
        var path = RepositoryFolders.DashboardScreenshot;
        if (File.Exists(path) && await LooksTheSameAsync(page.Context, await File.ReadAllBytesAsync(path), picture))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, picture);
    }

    private static async Task<bool> LooksTheSameAsync(IBrowserContext context, byte[] existing, byte[] fresh)
    {
        // A blank page of its own: the dashboard's content security policy is not in the way there.
        var scratch = await context.NewPageAsync();
        try
        {
            var differing = await scratch.EvaluateAsync<int>(CountDifferingPixels, new[] { DataUrl(existing), DataUrl(fresh) });
            return differing >= 0 && differing <= NoisePixels;
        }
        finally
        {
            await scratch.CloseAsync();
        }
    }

    private static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
