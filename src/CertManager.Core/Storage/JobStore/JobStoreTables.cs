namespace CertManager.Core.Storage.JobStore;

/// <summary>What the console and its clustered Quartz scheduler agree on about the job-store tables.</summary>
public static class JobStoreTables
{
    /// <summary>Quartz's default table prefix, kept: <c>qrtz_locks</c>, <c>qrtz_triggers</c> and so on, beside CertManager's own tables.</summary>
    public const string Prefix = "qrtz_";
}
