using System.ComponentModel;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>
/// A test's model published by Aspire's pipeline with the kustomize environment into a temporary folder and rendered by
/// <c>kubectl kustomize</c>, as <c>kubectl apply -k</c> would; every object parsed strictly as its kind.
/// Tests that use it are <c>[SkippableFact]</c>: without kubectl they skip (or fail in CI).
/// </summary>
public sealed class PublishedCluster : IDisposable
{
    /// <summary>Custom kinds a tree may hold, by <c>group/version/kind</c>; the built-in kinds are known already.</summary>
    public static readonly IReadOnlyDictionary<string, Type> CustomKinds = new Dictionary<string, Type>
    {
        [KedaScaledObject.TypeKey] = typeof(KedaScaledObject),
        [KedaTriggerAuthentication.TypeKey] = typeof(KedaTriggerAuthentication),
    };

    private readonly TempFolder? owned;

    private PublishedCluster(string directory, string rendered, TempFolder? owned)
    {
        Directory = directory;
        Rendered = rendered;
        this.owned = owned;
        Objects = KubernetesYaml.LoadAllFromString(rendered, new Dictionary<string, Type>(CustomKinds), strict: true)
            .Cast<IKubernetesObject>()
            .ToList();
    }

    /// <summary>The published tree.</summary>
    public string Directory { get; }

    /// <summary>What <c>kubectl kustomize</c> printed.</summary>
    public string Rendered { get; }

    /// <summary>Every object kustomize rendered, in its order.</summary>
    public IReadOnlyList<IKubernetesObject> Objects { get; }

    /// <summary>The Secret kustomize generated from secrets.env (a plain name: no hash suffix).</summary>
    public V1Secret GeneratedSecret => All<V1Secret>().Single(s => s.Metadata.Name == SecretName);

    /// <summary>The values in secrets.env, by key.</summary>
    public IReadOnlyDictionary<string, string> SecretValues =>
        ReadFile(KubernetesSecret.EnvFile).Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#' && line.Contains('='))
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..]);

    /// <summary>The application's label value (<c>app.kubernetes.io/part-of</c>), which the instance label starts from.</summary>
    public string ApplicationLabel =>
        All<V1Namespace>().Single().Metadata.Labels["app.kubernetes.io/part-of"];

    /// <summary>Every file of the tree, relative with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Files =>
        System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private string SecretName { get; set; } = "secrets";

    /// <summary>
    /// Publishes the test's model into a new temporary folder with the switches <paramref name="options"/> (see
    /// <see cref="KubernetesTestModels.Options"/>) and renders it with kubectl kustomize.
    /// </summary>
    public static async Task<PublishedCluster> PublishAsync(TestApp test, IReadOnlyDictionary<string, string?>? options = null)
    {
        RequireKubectl();
        var temp = new TempFolder();
        try
        {
            return await PublishIntoAsync(test, options, temp.Path, temp);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    /// <summary>Publishes another test's model (the same one, built again) into this tree's folder, as a second publish on the same machine would.</summary>
    public Task<PublishedCluster> PublishAgainAsync(TestApp test, IReadOnlyDictionary<string, string?>? options = null) =>
        PublishIntoAsync(test, options, Path.GetDirectoryName(Directory)!, owned: null);

    /// <summary>The object of kind <typeparamref name="T"/> named <paramref name="name"/> (the full name, prefix included).</summary>
    public T Get<T>(string name) where T : IKubernetesObject =>
        All<T>().FirstOrDefault(o => Name(o) == name)
        ?? throw new KeyNotFoundException(
            $"No {typeof(T).Name} named '{name}'. There are: {string.Join(", ", All<T>().Select(o => Name(o)))}.");

    public bool Has<T>(string name) where T : IKubernetesObject => All<T>().Any(o => Name(o) == name);

    public IReadOnlyList<T> All<T>() where T : IKubernetesObject => Objects.OfType<T>().ToList();

    /// <summary>A file of the tree, e.g. <c>kustomization.yaml</c> or <c>postgres/statefulset.yaml</c>.</summary>
    public string ReadFile(string relative) => File.ReadAllText(Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Every file's bytes, by relative path: what "publishing twice gives the same tree" compares.</summary>
    public IReadOnlyDictionary<string, byte[]> Snapshot() =>
        Files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(Directory, f.Replace('/', Path.DirectorySeparatorChar))));

    public static string Name(IKubernetesObject item) => (item as IMetadata<V1ObjectMeta>)?.Metadata?.Name ?? string.Empty;

    /// <summary>The pod spec of a workload (Deployment, StatefulSet, Job, CronJob, Pod), or null.</summary>
    public static V1PodSpec? PodSpec(IKubernetesObject item) => item switch
    {
        V1Deployment d => d.Spec.Template.Spec,
        V1StatefulSet s => s.Spec.Template.Spec,
        V1DaemonSet d => d.Spec.Template.Spec,
        V1Job j => j.Spec.Template.Spec,
        V1CronJob c => c.Spec.JobTemplate.Spec.Template.Spec,
        V1Pod p => p.Spec,
        _ => null,
    };

    /// <summary>Every pod spec of the tree with the name of the object that holds it.</summary>
    public IReadOnlyList<(string Owner, V1PodSpec Spec)> PodSpecs() =>
        Objects.Select(o => (Owner: $"{o.Kind}/{Name(o)}", Spec: PodSpec(o))).Where(p => p.Spec is not null).Select(p => (p.Owner, p.Spec!)).ToList();

    /// <summary>Runs <c>kubectl kustomize</c> on a folder and returns what it printed; throws with its stderr when it fails.</summary>
    public static string Kustomize(string directory)
    {
        RequireKubectl();
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {stderr.Result}");
    }

    public void Dispose() => owned?.Dispose();

    private static async Task<PublishedCluster> PublishIntoAsync(
        TestApp test, IReadOnlyDictionary<string, string?>? options, string outputRoot, TempFolder? owned)
    {
        await test.PublishAsync(outputRoot, options);
        var directory = Path.Combine(outputRoot, KustomizeTestPublish.EnvironmentName);
        var prefix = KubernetesNames.NamePrefix(options?.GetValueOrDefault(KubernetesTestModels.NamePrefixKey));
        return new PublishedCluster(directory, Kustomize(directory), owned) { SecretName = prefix + "secrets" };
    }

    private static readonly Lazy<bool> KubectlInstalled = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("kubectl", "version --client")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    });

    private static void RequireKubectl() =>
        RequiredTool.SkipOrFailIfMissing(!KubectlInstalled.Value, "kubectl (for kubectl kustomize) is not installed");
}
