namespace CertManager.Benchmarks.Storage;

/// <summary>The two database engines a console runs on, as the benchmarks' <c>Engine</c> parameter names them.</summary>
public static class BenchmarkEngine
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
}
