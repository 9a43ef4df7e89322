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
/// <param name="requiredExecutable">A program that must be on PATH, checked before the resource waits for anything.</param>
public sealed class LocalProcessAnnotation(Func<LocalProcessContext, LocalProcessPlan> createPlan, RequiredExecutable? requiredExecutable = null)
    : IResourceAnnotation
{
    public RequiredExecutable? RequiredExecutable { get; } = requiredExecutable;

    public LocalProcessPlan CreatePlan(LocalProcessContext context) => createPlan(context);
}

/// <summary>A program a local process needs (executable <paramref name="Name"/>, e.g. of <paramref name="Product"/> Airflow), and what to install.</summary>
public sealed record RequiredExecutable(string Name, string Product, string WhatToInstall)
{
    public string MissingMessage(string instanceName) =>
        $"No container runtime: install docker or podman. '{instanceName}' can run from a local {Product} instead, " +
        $"but there is no '{Name}' executable on PATH. {WhatToInstall}";
}
