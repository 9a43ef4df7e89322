using System.Globalization;
using System.Text;

namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>
/// Which DAG ids the dashboard's commands pass to Airflow's CLI: Airflow's own rule for keys
/// (airflow-core/src/airflow/utils/helpers.py, <c>validate_key</c>: <c>KEY_REGEX = ^[\w.-]+$</c>, at most 250
/// characters, in Airflow 3.2 as in 2.11), and not starting with <c>-</c>, which Airflow's CLI could read as an option.
/// </summary>
internal static class AirflowDagId
{
    /// <summary>validate_key's max_length; Python's len counts code points, as <see cref="Rune"/>s here do.</summary>
    public const int MaxLength = 250;

    /// <summary>Null when the id follows the rule; otherwise what is wrong with it, naming the id and the rule.</summary>
    public static string? Problem(string dagId)
    {
        if (dagId.Length == 0)
        {
            return "the DAG id is empty";
        }

        var length = dagId.EnumerateRunes().Count();
        if (length > MaxLength)
        {
            return $"the DAG id is {length} characters long; Airflow allows at most {MaxLength}";
        }

        if (!dagId.EnumerateRunes().All(IsKeyCharacter))
        {
            return $"'{dagId}' is not a DAG id: Airflow's DAG ids are made of letters, digits, '_', '-' and '.' only";
        }

        return dagId.StartsWith('-')
            ? $"'{dagId}' starts with '-': Airflow's CLI could read it as an option, so the dashboard does not pass DAG ids starting with '-'"
            : null;
    }

    /// <summary>
    /// Python's <c>\w</c> on str (what str.isalnum() accepts, and '_'): Unicode letters and numbers; and '.' and '-'.
    /// </summary>
    private static bool IsKeyCharacter(Rune rune) =>
        rune.Value is '_' or '.' or '-'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}
