namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// KubernetesClient's custom-object calls address every kind as <c>/apis/{group}/{version}/...</c>; the core
/// group (Secrets, Services, ConfigMaps...) has no group name and lives under <c>/api/{version}</c>. Rewriting
/// that one path lets deploy address every kind the same way.
/// </summary>
internal sealed class CoreGroupPaths : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.Contains("/apis//", StringComparison.Ordinal))
        {
            var builder = new UriBuilder(uri) { Path = uri.AbsolutePath.Replace("/apis//", "/api/", StringComparison.Ordinal) };
            request.RequestUri = builder.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
