namespace AirflowAspire.DagChecks.Validation;

/// <summary>Where validate says how far it is; a no-op unless stderr is a terminal.</summary>
public interface IValidationProgress
{
    void Report(string step, int done, int total);

    void Report(string step);

    void Clear();
}
