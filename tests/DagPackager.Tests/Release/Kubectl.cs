using System.ComponentModel;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary><c>kubectl kustomize</c>, offline: renders a tree as a cluster would receive it.</summary>
internal static class Kubectl
{
    private static readonly Lazy<string?> Problem = new(() =>
    {
        try
        {
            var (exit, output, _) = Run("version", "--client");
            return exit == 0 && (output.Contains("Kustomize Version: v5", StringComparison.Ordinal) || output.Contains("Kustomize Version: v4", StringComparison.Ordinal))
                ? null
                : "kubectl with kustomize v4 or later is not installed";
        }
        catch (Win32Exception)
        {
            return "kubectl is not installed";
        }
    });

    public static void Require()
    {
        var problem = Problem.Value;
        RequiredTool.SkipOrFailIfMissing(problem is not null, problem ?? string.Empty);
    }

    /// <summary>Every container's and init container's image in the rendered tree, by "kind/name/container".</summary>
    public static IReadOnlyDictionary<string, string> RenderedImages(string tree)
    {
        var (exit, output, error) = Run("kustomize", tree);
        Assert.True(exit == 0, $"kubectl kustomize {tree} failed:\n{error}");
        var images = new Dictionary<string, string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var name = $"{root["kind"]}/{root["metadata"]["name"]}";
            foreach (var pod in PodSpecs(root))
            {
                foreach (var list in new[] { "containers", "initContainers" })
                {
                    if (pod.Children.TryGetValue(list, out var containers))
                    {
                        foreach (YamlMappingNode container in (YamlSequenceNode)containers)
                        {
                            images[$"{name}/{container["name"]}"] = container["image"].ToString();
                        }
                    }
                }
            }
        }

        return images;
    }

    private static IEnumerable<YamlMappingNode> PodSpecs(YamlMappingNode root)
    {
        // Deployments, StatefulSets and Jobs hold spec.template.spec; a bare Pod holds spec.
        if (root.Children.TryGetValue("spec", out var spec) && spec is YamlMappingNode specMap)
        {
            if (specMap.Children.TryGetValue("template", out var template) && template is YamlMappingNode templateMap
                && templateMap.Children.TryGetValue("spec", out var podSpec) && podSpec is YamlMappingNode pod)
            {
                yield return pod;
            }
            else if (specMap.Children.ContainsKey("containers"))
            {
                yield return specMap;
            }
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
