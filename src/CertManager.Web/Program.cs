using CertManager.Acme;
using CertManager.Core.Hosting;
using CertManager.Core.Storage;
using CertManager.Scep;
using CertManager.Web.Api;
using CertManager.Web.Fleet;
using CertManager.Web.Hosting;
using CertManager.Web.Jobs;
using CertManager.Web.Metrics;
using CertManager.Web.Security;

// Before anything writes a file: the database, logs and keys are private to the service account.
PrivateFileCreation.Enable();
var timeline = new StartupTimeline();

var builder = WebApplication.CreateBuilder(args);

builder.AddCertManagerLogging();
builder.Services.AddCertManagerCore();
builder.Services.AddCertManagerScep();
builder.Services.AddCertManagerScepPolling(builder.Configuration);
builder.Services.AddCertManagerAcme();
builder.Services.AddCertManagerRenewal(builder.Configuration);
builder.Services.AddCertManagerSecurity();
builder.Services.AddCertManagerSignInLimits();
builder.Services.AddCertManagerApi();
builder.Services.AddCertManagerFleet();
builder.Services.AddCertManagerMetrics();
builder.Services.AddCertManagerDataProtection();
builder.Services.AddCertManagerWeb();
builder.Services.AddCertManagerJobs(builder.Configuration);
builder.WebHost.UseCertManagerKestrel();
// Serves the framework's and our static files from the build output too, not only from a published folder.
builder.WebHost.UseStaticWebAssets();
timeline.Mark("services registered");

// Disposed on every way out, start-up failures included, so that the logs written in the background are flushed.
await using var app = builder.Build();
timeline.Mark("host built");
timeline.LogWhenStarted(app);

await app.Services.InitializeCertManagerAsync(timeline);
app.UseCertManagerPipeline();
app.MapCertManagerEndpoints();
timeline.Mark("pipeline and endpoints declared");

try
{
    await app.RunAsync();
}
catch (Exception exception) when (StartupFailure.TryExplain(exception, Console.Error))
{
    return StartupFailure.ExitCode;
}

return 0;

/// <summary>The console's entry point; public so the test host can find the assembly.</summary>
public partial class Program;
