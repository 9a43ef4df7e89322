using AirflowAspire.DagChecks.Validation;

namespace AirflowAspire.DagPackager.Validation.Output;

/// <summary>Progress on one rewritten line of stderr; only used when stderr is a terminal.</summary>
public sealed class TerminalProgress(TextWriter error) : IValidationProgress
{
    private int _width;
    private DateTime _last = DateTime.MinValue;

    public void Report(string step, int done, int total)
    {
        // Redrawing thousands of times a second would cost more than the work; ten times a second is plenty.
        if (done < total && DateTime.UtcNow - _last < TimeSpan.FromMilliseconds(100))
        {
            return;
        }

        Draw($"{step}: {done}/{total}");
    }

    public void Report(string step) => Draw($"{step}...");

    public void Clear()
    {
        if (_width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            error.Flush();
            _width = 0;
        }
    }

    private void Draw(string text)
    {
        _last = DateTime.UtcNow;
        error.Write("\r" + text.PadRight(_width));
        error.Flush();
        _width = Math.Max(_width, text.Length);
    }
}
