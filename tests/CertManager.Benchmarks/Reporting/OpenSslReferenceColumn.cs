using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CertManager.Benchmarks.Reporting;

/// <summary>
/// Columns that compare medians with the openssl reference of the same class (same key size, same run):
/// openssl's net time (req minus the <c>openssl version</c> process overhead) and each row's ratio to the
/// reference with and without that overhead.
/// </summary>
internal sealed class OpenSslReferenceColumn : IColumn
{
    /// <summary>Every benchmark class names its openssl reference and its process-overhead baseline with these methods.</summary>
    public const string ReferenceMethod = "OpenSslReference";
    public const string OverheadMethod = "OpenSslVersion";

    private enum Kind
    {
        NetTime,
        RatioToRequest,
        RatioToNet,
    }

    private readonly Kind _kind;

    private OpenSslReferenceColumn(Kind kind, string name, string legend, int priority)
    {
        _kind = kind;
        ColumnName = name;
        Legend = legend;
        PriorityInCategory = priority;
    }

    public static readonly IColumn NetTime = new OpenSslReferenceColumn(
        Kind.NetTime, "openssl net median", "openssl reference median minus openssl version median: openssl's work without process start-up (ms)", 0);

    public static readonly IColumn RatioToRequest = new OpenSslReferenceColumn(
        Kind.RatioToRequest, "Median ratio vs openssl", "This row's median / the openssl reference median (process start-up included)", 1);

    public static readonly IColumn RatioToNet = new OpenSslReferenceColumn(
        Kind.RatioToNet, "Median ratio vs openssl net", "This row's median / openssl's net median (process start-up subtracted)", 2);

    public string Id => $"{nameof(OpenSslReferenceColumn)}.{_kind}";

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory { get; }

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var median = Median(summary, benchmarkCase, method);
        var request = Median(summary, benchmarkCase, ReferenceMethod);
        var overhead = Median(summary, benchmarkCase, OverheadMethod);
        if (request is null && overhead is null)
        {
            // A benchmark class without an openssl reference (the storage benchmarks).
            return "-";
        }

        if (median is null || request is null || overhead is null)
        {
            return "?";
        }

        var net = request.Value - overhead.Value;
        return _kind switch
        {
            Kind.NetTime => method == ReferenceMethod ? Format(net / 1_000_000, "0.0") : "-",
            Kind.RatioToRequest => Format(median.Value / request.Value, "0.00"),
            _ => method == OverheadMethod ? "-" : Format(median.Value / net, "0.00"),
        };
    }

    public override string ToString() => ColumnName;

    /// <summary>Median in nanoseconds of <paramref name="method"/> in the same benchmark class and job as <paramref name="like"/>.</summary>
    private static double? Median(Summary summary, BenchmarkCase like, string method)
    {
        var match = summary.BenchmarksCases.FirstOrDefault(candidate =>
            candidate.Descriptor.Type == like.Descriptor.Type
            && candidate.Job == like.Job
            && candidate.Descriptor.WorkloadMethod.Name == method);
        return match is null ? null : summary[match]?.ResultStatistics?.Median;
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
