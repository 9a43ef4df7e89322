using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>Checks the facts that span resources, so a broken model fails at Build() with the fix in the message.</summary>
internal static class ModelValidator
{
    public static void Validate(DistributedApplicationModel model)
    {
        var known = model.Resources.ToHashSet();
        foreach (var resource in model.Resources)
        {
            ValidateEndpoints(resource);
            ValidateReferences(resource, known, model.ExecutionContext);
        }

        ValidateHostPorts(model);
        ValidateNoWaitCycle(model);
    }

    private static void ValidateEndpoints(IResource resource)
    {
        foreach (var group in resource.GetEndpoints().GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            throw new DistributedApplicationException(
                $"Resource '{resource.Name}' has {group.Count()} endpoints named '{group.Key}'. Give each endpoint its own name.");
        }

        foreach (var endpoint in resource.GetEndpoints())
        {
            EndpointRules.ThrowIfInvalid(resource.Name, endpoint);
        }
    }

    private static void ValidateReferences(IResource resource, HashSet<IResource> known, DistributedApplicationExecutionContext context)
    {
        var values = resource.GetEnvironmentVariables(context).Values
            .Concat(resource.GetArgs(context))
            .Concat(resource is IResourceWithConnectionString withConnection ? [withConnection.ConnectionStringExpression] : [])
            .SelectMany(Flatten)
            .ToList();

        foreach (var endpoint in values.OfType<EndpointReferenceExpression>())
        {
            _ = endpoint.Endpoint.Endpoint; // throws with the resource's endpoint names when missing
        }

        var targets = values.SelectMany(v => v.ReferencedResources)
            .Concat(resource.GetWaits().Select(w => w.Resource))
            .Concat(resource.Annotations.OfType<ResourceRelationshipAnnotation>().Select(r => r.Resource))
            .Concat(resource is IResourceWithParent child ? [child.Parent] : []);

        foreach (var target in targets.Where(t => !known.Contains(t)))
        {
            throw new DistributedApplicationException(
                $"Resource '{resource.Name}' refers to '{target.Name}', which is not part of this application " +
                "(it was added to another DistributedApplication builder). Add it to this builder and refer to that one.");
        }
    }

    private static IEnumerable<IValueReference> Flatten(IValueReference value) => value switch
    {
        ReferenceExpression expression => expression.Values.SelectMany(Flatten),
        ConnectionStringReference reference => [reference, .. Flatten(reference.Resource.ConnectionStringExpression)],
        _ => [value],
    };

    private static void ValidateHostPorts(DistributedApplicationModel model)
    {
        var fixedPorts = model.Resources
            .SelectMany(r => r.GetEndpoints().Where(e => e.Port is not null).Select(e => (Resource: r, Endpoint: e)))
            .ToList();

        foreach (var (resource, endpoint) in fixedPorts.Where(p => p.Resource.GetReplicas() > 1))
        {
            throw new DistributedApplicationException(
                $"Resource '{resource.Name}' runs {resource.GetReplicas()} replicas but fixes host port {endpoint.Port} on " +
                $"endpoint '{endpoint.Name}'; replicas cannot share a host port. Remove the port to let each replica get a free one.");
        }

        foreach (var clash in fixedPorts.GroupBy(p => p.Endpoint.Port).Where(g => g.Count() > 1))
        {
            var owners = string.Join(" and ", clash.Select(p => $"'{p.Resource.Name}' (endpoint '{p.Endpoint.Name}')"));
            throw new DistributedApplicationException(
                $"Host port {clash.Key} is used by {owners}. Give one of them another port, or none to get a free one at start.");
        }
    }

    private static void ValidateNoWaitCycle(DistributedApplicationModel model)
    {
        var state = new Dictionary<IResource, bool>(); // false: on the current path, true: done
        var path = new Stack<IResource>();

        foreach (var resource in model.Resources)
        {
            Visit(resource);
        }

        void Visit(IResource resource)
        {
            if (state.TryGetValue(resource, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                    throw new DistributedApplicationException(
                        $"WaitFor forms a cycle: {string.Join(" -> ", cycle)}. Nothing in a cycle could ever start; remove one of these WaitFor calls.");
                }

                return;
            }

            state[resource] = false;
            path.Push(resource);
            foreach (var wait in resource.GetWaits())
            {
                Visit(wait.Resource);
            }

            path.Pop();
            state[resource] = true;
        }
    }
}
