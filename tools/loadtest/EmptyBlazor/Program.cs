// The framework's floor for the console's pages and start-up: the Blazor Web App template's pipeline (server
// interactivity, prerendered), nothing of the console's own. The load tool passes --urls and the certificate
// (Kestrel:Certificates:Default:Path and KeyPath) in the environment, as for the empty app.
using CertManager.LoadTest.EmptyBlazor.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseHsts();
app.UseHttpsRedirection();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapGet("/health", () => "Healthy");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.RunAsync();
