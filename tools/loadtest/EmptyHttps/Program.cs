// The reference for the console's start-up time and request cost: the ASP.NET Core empty template with one
// endpoint. The load tool passes --urls and the certificate (Kestrel:Certificates:Default:Path and KeyPath) in
// the environment, the same certificate and key the console presents.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
await app.RunAsync();
