using AirflowAspire.Hosting.ApplicationModel;
using k8s.Models;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>
/// A container's environment in the cluster. No secret value is ever written: a variable that is one
/// secret reads it with secretKeyRef; a variable that embeds secrets (a database URL with a password) refers
/// to them as <c>$(VAR)</c>, and the secrets it needs come first in the list, each from a secretKeyRef,
/// because Kubernetes expands only variables defined earlier.
/// </summary>
internal static class ClusterEnvironment
{
    /// <summary>The variable that carries a secret parameter for <c>$(VAR)</c> expansion.</summary>
    public static string SecretVariable(ParameterResource parameter) =>
        "AIRFLOWASPIRE_SECRET_" + new string(parameter.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());

    public static List<V1EnvVar> For(IResource resource, KubernetesContext context) =>
        Render(resource.GetEnvironmentVariables(context.ExecutionContext), context);

    /// <param name="host">How a resource's host renders, when not as its Service name.</param>
    public static List<V1EnvVar> Render(
        IEnumerable<KeyValuePair<string, ReferenceExpression>> environment, KubernetesContext context, Func<IResource, string>? host = null)
    {
        var secretsUsed = new List<ParameterResource>();
        var variables = new List<V1EnvVar>();
        foreach (var (name, expression) in environment)
        {
            if (SingleSecret(expression) is { } secret)
            {
                variables.Add(FromSecret(name, secret, context));
                continue;
            }

            var value = expression.Render(
                v => v.ToClusterValue(context.RenderContext(secretsUsed, host)),
                text => text.Replace("$(", "$$(", StringComparison.Ordinal));
            variables.Add(new V1EnvVar { Name = name, Value = value });
        }

        var secretVariables = secretsUsed
            .Select(p => FromSecret(SecretVariable(p), p, context))
            .Where(v => variables.All(existing => existing.Name != v.Name));
        return [.. secretVariables, .. variables];
    }

    /// <summary>A value rendered for the cluster, e.g. a probe's URL; throws when it would need a secret.</summary>
    public static string Plain(ReferenceExpression expression, KubernetesContext context)
    {
        var secretsUsed = new List<ParameterResource>();
        var value = expression.ToClusterValue(context.RenderContext(secretsUsed));
        return secretsUsed.Count == 0
            ? value
            : throw new DistributedApplicationException(
                $"'{expression.ToManifestExpression()}' holds the secret '{secretsUsed[0].Name}' where Kubernetes cannot read it from a Secret (an argument or a probe); pass it through an environment variable instead.");
    }

    /// <summary>
    /// A command or argument of a container. Like <see cref="Plain"/>, but a literal <c>$(</c> is escaped as
    /// <c>$$(</c>, since Kubernetes expands <c>$(VAR)</c> in commands and arguments.
    /// </summary>
    public static string Argument(ReferenceExpression expression, KubernetesContext context)
    {
        var secretsUsed = new List<ParameterResource>();
        var value = expression.Render(
            v => v.ToClusterValue(context.RenderContext(secretsUsed)),
            text => text.Replace("$(", "$$(", StringComparison.Ordinal));
        return secretsUsed.Count == 0
            ? value
            : throw new DistributedApplicationException(
                $"The argument '{expression.ToManifestExpression()}' holds the secret '{secretsUsed[0].Name}', and arguments are visible to anyone " +
                "who can read the pod; pass it through an environment variable instead.");
    }

    public static V1EnvVar FromSecret(string name, ParameterResource parameter, KubernetesContext context) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector { Name = context.SecretName, Key = KubernetesContext.SecretKey(parameter) },
        },
    };

    /// <summary>The secret parameter an expression consists of, alone; null when it holds anything else.</summary>
    public static ParameterResource? SingleSecret(ReferenceExpression expression) =>
        expression.Values.ToList() is [ParameterResource { Secret: true } parameter] && expression.Render(_ => string.Empty, text => text).Length == 0
            ? parameter
            : null;
}
