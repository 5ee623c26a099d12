using CertManager.Core.Storage.JobStore;
using Quartz;

namespace CertManager.Web.Tests.Jobs;

/// <summary>The Quartz schema the console applies is the one the Quartz package in use ships, byte for byte.</summary>
public sealed class JobStoreSchemaTests
{
    [Fact]
    public void EmbeddedScript_QuartzPackageInUse_IsQuartzsOwnPostgreSqlSchema()
    {
        var ours = Read(typeof(JobStoreTables).Assembly, "CertManager.Core.Storage.JobStore.quartz-create-postgres.sql");
        var quartz = Read(typeof(IScheduler).Assembly, "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql");

        // After a Quartz upgrade this fails until the script is copied again from the new package (and docs/operations.md says what that means for existing databases).
        Assert.Equal(quartz, ours);
    }

    private static string Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
