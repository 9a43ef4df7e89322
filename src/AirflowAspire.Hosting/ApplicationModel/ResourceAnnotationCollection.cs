using System.Collections;

namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>The annotations of one resource. Frozen when the application is built.</summary>
public sealed class ResourceAnnotationCollection : IEnumerable<IResourceAnnotation>
{
    private readonly List<IResourceAnnotation> items = [];
    private bool frozen;

    public void Add(IResourceAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        ThrowIfFrozen();
        items.Add(annotation);
    }

    public bool Remove(IResourceAnnotation annotation)
    {
        ThrowIfFrozen();
        return items.Remove(annotation);
    }

    public IEnumerable<T> OfType<T>() => items.OfType<T>();

    internal void Freeze() => frozen = true;

    public IEnumerator<IResourceAnnotation> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ThrowIfFrozen()
    {
        if (frozen)
        {
            throw new InvalidOperationException(
                "The application model is immutable after Build(); make every change on the builder before calling Build().");
        }
    }
}
