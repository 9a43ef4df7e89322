using AirflowAspire.Hosting.Publishing;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A container's environment and arguments in the cluster. No secret value is ever written: a variable that is
/// one secret reads it with secretKeyRef; a variable that embeds secrets (a connection string with a password)
/// refers to them as <c>$(VAR)</c>, and the secrets it needs come first in the list, each from a secretKeyRef,
/// because Kubernetes expands only variables defined earlier.
/// </summary>
internal static class ClusterEnvironment
{
    public static List<V1EnvVar> For(IResource resource, KubernetesContext context) =>
        Render(context.Configuration(resource).Environment, context);

    /// <param name="host">How a resource's host renders, when not as its Service name.</param>
    public static List<V1EnvVar> Render(IEnumerable<KeyValuePair<string, object>> environment, KubernetesContext context, Func<IResource, string>? host = null)
    {
        var secretsUsed = new List<SecretReference>();
        var variables = new List<V1EnvVar>();
        foreach (var (name, value) in environment)
        {
            if (ModelValues.SingleSecret(value) is { } secret)
            {
                variables.Add(FromSecret(name, secret, context));
                continue;
            }

            variables.Add(new V1EnvVar { Name = name, Value = ModelValues.Render(value, context.Rendering(secretsUsed, host)) });
        }

        var secretVariables = secretsUsed
            .Select(s => FromSecret(s.Variable, s, context))
            .Where(v => variables.All(existing => existing.Name != v.Name));
        return [.. secretVariables, .. variables];
    }

    /// <summary>The arguments of a container; a secret in one is refused, since anyone who can read the pod reads its arguments.</summary>
    public static List<string> Arguments(IResource resource, KubernetesContext context) =>
        [.. context.Configuration(resource).Arguments.Select(a => Argument(a, resource, context))];

    private static string Argument(object value, IResource resource, KubernetesContext context)
    {
        var secretsUsed = new List<SecretReference>();
        var text = ModelValues.Render(value, context.Rendering(secretsUsed));
        return secretsUsed.Count == 0
            ? text
            : throw new DistributedApplicationException(
                $"An argument of '{resource.Name}' holds the secret '{secretsUsed[0].Parameter.Name}', and arguments are visible to anyone " +
                "who can read the pod; pass it through an environment variable instead.");
    }

    public static V1EnvVar FromSecret(string name, ParameterResource parameter, KubernetesContext context) =>
        FromSecret(name, new SecretReference(parameter), context);

    public static V1EnvVar FromSecret(string name, SecretReference secret, KubernetesContext context) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector { Name = context.SecretName, Key = secret.Key },
        },
    };
}
