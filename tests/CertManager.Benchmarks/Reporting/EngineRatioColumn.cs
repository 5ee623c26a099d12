using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CertManager.Benchmarks.Storage;

namespace CertManager.Benchmarks.Reporting;

/// <summary>
/// For benchmarks with an <c>Engine</c> parameter: this row's median over the median of the same method on SQLite in
/// the same run (so 1.00 on SQLite, and PostgreSQL's cost relative to it on PostgreSQL rows).
/// </summary>
internal sealed class EngineRatioColumn : IColumn
{
    public const string Parameter = "Engine";

    public static readonly IColumn Instance = new EngineRatioColumn();

    public string Id => nameof(EngineRatioColumn);

    public string ColumnName => "Median ratio vs SQLite";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 3;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "This row's median / the median of the same benchmark on SQLite in the same run";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Parameters[Parameter] is not string)
        {
            return "-";
        }

        var sqlite = summary.BenchmarksCases.FirstOrDefault(candidate =>
            candidate.Descriptor == benchmarkCase.Descriptor
            && candidate.Job == benchmarkCase.Job
            && Equals(candidate.Parameters[Parameter], BenchmarkEngine.Sqlite));
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        var baseline = sqlite is null ? null : summary[sqlite]?.ResultStatistics?.Median;
        return median is null || baseline is null or 0 ? "?" : (median.Value / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
