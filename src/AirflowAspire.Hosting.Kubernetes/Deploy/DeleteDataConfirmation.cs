using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Kubernetes;

// The interaction service (ASPIREINTERACTION001) and the pipeline step API (ASPIREPIPELINES001) are experimental in Aspire
// 13.6; the interaction service is the only way a pipeline step can ask the user of `aspire destroy` anything.
#pragma warning disable ASPIREINTERACTION001, ASPIREPIPELINES001

/// <summary>
/// <c>destroy --delete-data</c> deletes data no deploy can bring back, so without <c>--yes</c> it asks first, as Aspire's
/// own destroy steps do (a notification with a confirming intent: the only kind the aspire CLI shows a pipeline step's
/// user). Where nobody can answer it refuses and deletes nothing.
/// </summary>
internal static class DeleteDataConfirmation
{
    /// <summary>Set by the aspire CLI for the AppHost it runs; a prompt reaches a person only through it.</summary>
    private const string CliBackchannel = "ASPIRE_BACKCHANNEL_PATH";

    public static async Task RequireAsync(PipelineStepContext context, DeploySwitches switches, string @namespace, string server)
    {
        if (!switches.DeleteData || switches.Yes)
        {
            return;
        }

        var what = $"PersistentVolumeClaims (the data) in namespace '{@namespace}' on {server}, and the namespace if deploy created it";
        var interaction = context.Services.GetService<IInteractionService>();

        // Run without the aspire CLI (dotnet run, a CI job), the interaction service may call itself available, but
        // nothing would show the prompt, and it would wait forever.
        var cliAttached = context.Services.GetRequiredService<IConfiguration>()[CliBackchannel] is { Length: > 0 };
        if (interaction is not { IsAvailable: true } || !cliAttached)
        {
            throw new DistributedApplicationException(
                $"destroy --delete-data deletes the {what}, and this run cannot ask you to confirm it (no interactive aspire CLI), " +
                "so nothing was deleted. Add --yes to delete the data without asking, or leave out --delete-data to keep it.");
        }

        var answer = await interaction.PromptNotificationAsync(
            "Delete data",
            $"Delete the {what}? No deploy can bring the data back.",
            new NotificationInteractionOptions
            {
                Intent = MessageIntent.Confirmation,
                ShowSecondaryButton = true,
                ShowDismiss = false,
                PrimaryButtonText = "Delete data",
                SecondaryButtonText = "Keep it",
            },
            context.CancellationToken);
        if (answer.Canceled || !answer.Data)
        {
            throw new DistributedApplicationException(
                "destroy --delete-data was not confirmed, so nothing was deleted. Leave out --delete-data to destroy and keep the data.");
        }
    }
}
