using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AirflowAspire.Bench.LocalStack;

/// <summary>The images the measured model runs, and which of them the local engine lacks.</summary>
internal static class StackImages
{
    public static async Task<IReadOnlyList<string>> MissingAsync(BenchOptions options)
    {
        await using var builder = await StackModel.CreateAsync(options, dataServicesOnly: false);
        var missing = new List<string>();
        foreach (var image in builder.Resources.OfType<ContainerResource>().Select(Reference).Distinct())
        {
            var labels = await Docker.OutputAsync(["image", "inspect", "--format", "{{json .Config.Labels}}", image]);
            if (labels is null)
            {
                missing.Add(image);
            }
            else if (!options.StandIn && IsTestImage(labels))
            {
                missing.Add($"{image} (here a test image under the official name)");
            }
        }

        return missing;
    }

    /// <summary>The test images (tests/images/build.sh) carry a recipe label; the cluster tests tag them under the official names for a while.</summary>
    private static bool IsTestImage(string labelsJson) =>
        labelsJson.Contains("\"airflowaspire.recipe\"", StringComparison.Ordinal) || labelsJson.Contains("airflowaspire-test/", StringComparison.Ordinal);

    public static string Reference(ContainerResource container)
    {
        var image = container.Annotations.OfType<ContainerImageAnnotation>().Last();
        return $"{(image.Registry is { Length: > 0 } registry ? registry + "/" : "")}{image.Image}:{image.Tag}";
    }
}
