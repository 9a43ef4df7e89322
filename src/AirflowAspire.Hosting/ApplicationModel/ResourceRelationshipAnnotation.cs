namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Records that one resource uses another (<c>Reference</c>) or belongs to it (<c>Parent</c>).</summary>
public sealed record ResourceRelationshipAnnotation(IResource Resource, string Type) : IResourceAnnotation
{
    public const string Reference = "Reference";
    public const string Parent = "Parent";
}
