namespace CertManager.Acme.Tests.Support;

/// <summary>Records progress reports in order, on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
internal sealed class SynchronousProgress<T>(List<T> reports) : IProgress<T>
{
    public void Report(T value) => reports.Add(value);
}
