using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// Lets the process runtime run a resource from software installed on the machine when there is no
/// container runtime: the integration says how, given the rendered workload and a state folder.
/// </summary>
/// <param name="createPlan">
/// Called at every start. It may read the state folder (to see whether it was initialized) but must not
/// change anything: the runtime may call it twice, e.g. to move the state folder where an unprivileged
/// user can reach it. It throws <see cref="WorkloadStartException"/> when the software is not installed.
/// </param>
public sealed class LocalProcessAnnotation(Func<LocalProcessContext, LocalProcessPlan> createPlan) : IResourceAnnotation
{
    public LocalProcessPlan CreatePlan(LocalProcessContext context) => createPlan(context);
}
