using CertManager.Core.Storage;
using CertManager.Web.Hosting;

// Before anything writes a file: the database, logs and keys are private to the service account.
PrivateFileCreation.Enable();
var timeline = new StartupTimeline();

var builder = WebApplication.CreateBuilder(args);

builder.AddCertManagerLogging();
builder.Services.AddCertManagerConsole(builder.Configuration);
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
