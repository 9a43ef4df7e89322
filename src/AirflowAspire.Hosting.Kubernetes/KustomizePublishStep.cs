using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and it is the only way to take part in `aspire publish`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// The step <c>publish-{name}</c>, after <c>publish-prereq</c> and before <c>publish</c>: reads the model and settles the
/// secrets, renders the whole tree in memory, checks it, then writes it to <c>&lt;output-path&gt;/{name}</c>; an error
/// writes nothing. What it settled stays in memory (<see cref="KustomizePublications"/>) for <c>deploy-{name}</c>.
/// </summary>
internal static class KustomizePublishStep
{
    public static EnvironmentStep Step(KustomizeEnvironmentResource environment) => new(
        environment.PublishStepName,
        $"Writes the kustomize tree of '{environment.Name}' for kubectl apply -k.",
        context => PublishAsync(environment, context),
        WellKnownPipelineSteps.Publish,
        WellKnownPipelineSteps.PublishPrereq);

    private static async Task PublishAsync(KustomizeEnvironmentResource environment, PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var task = await context.ReportingStep.CreateTaskAsync($"Rendering the kustomize tree of '{environment.Name}'", cancellationToken);
        KubernetesTree tree;
        try
        {
            var inputs = await KustomizePublishing.ReadAsync(environment, context);
            tree = KubernetesRenderer.Render(inputs, inputs.Server);
            await KustomizeTreeWriter.WriteAsync(tree, cancellationToken);
            context.Services.GetRequiredService<KustomizePublications>().Keep(environment, inputs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await task.FailAsync(e.Message, cancellationToken);
            throw;
        }

        await task.SucceedAsync($"Published Kubernetes manifests to: {tree.Directory}", cancellationToken);

        // Printed as well: without the aspire CLI, `dotnet run` shows no reporting step.
        Console.Out.WriteLine($"Published Kubernetes manifests to: {tree.Directory}");
        Console.Out.WriteLine($"Deploy them with: kubectl apply -k {tree.Directory}");
        var templateNotes = KubernetesTemplates.Create().SelectMany(t => t.PublishNotes(context.Model));
        foreach (var note in tree.Notes.Concat(templateNotes).Select(n => $"Note: {n}"))
        {
            context.ReportingStep.Log(LogLevel.Warning, note);
            Console.Out.WriteLine(note);
        }

        context.Summary.Add($"Kustomize ({environment.Name})", $"kubectl apply -k {tree.Directory}");
    }
}
