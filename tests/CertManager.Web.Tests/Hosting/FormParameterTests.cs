using System.Reflection;
using CertManager.Testing;
using CertManager.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// The endpoints' request delegates are generated at compile time, and the generated form binding answers 500 after a
/// failed antiforgery check where the run-time binding answered 400. So no endpoint of the console may bind a form
/// parameter: handlers read their form through <see cref="RequestForms"/> (docs/architecture.md). The console's
/// endpoints are declared here as Program.cs declares them, without starting anything.
/// </summary>
public sealed class FormParameterTests
{
    private static readonly Type[] FormTypes = [typeof(IFormCollection), typeof(IFormFile), typeof(IFormFileCollection)];

    [Fact]
    public async Task Endpoints_OfTheConsole_BindNoFormParameter()
    {
        using var data = new TempDirectory("certmanager-form-parameters");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(RequestForms).Assembly.GetName().Name,
        });
        builder.Configuration["CertManager:DataDirectory"] = data.Path;
        builder.Services.AddCertManagerConsole(builder.Configuration);
        await using var app = builder.Build();
        app.MapCertManagerEndpoints();

        var (handlers, offenders) = FormBoundParameters(app);

        Assert.True(handlers > 30, $"only {handlers} endpoint handlers were found: the scan no longer sees the console's endpoints");
        Assert.True(offenders.Count == 0, "Read the form with RequestForms.ReadAsync instead of binding it: " + string.Join("; ", offenders));
    }

    [Fact]
    public async Task FormBoundParameters_HandlersBindingForms_AreFound()
    {
        await using var app = WebApplication.CreateBuilder().Build();
        app.MapPost("/file", (IFormFile file) => file.FileName);
        app.MapPost("/form", (IFormCollection form) => form.Count);
        app.MapPost("/name", ([FromForm] string name) => name);
        app.MapPost("/fields", ([AsParameters] NamedFields fields) => fields.Name);
        app.MapPost("/json", (NamedFields body) => body.Name);

        var (handlers, offenders) = FormBoundParameters(app);

        Assert.Equal(5, handlers);
        Assert.Equal(4, offenders.Count);
        Assert.DoesNotContain(offenders, offender => offender.StartsWith("HTTP: POST /json", StringComparison.Ordinal));
    }

    /// <summary>How many endpoints have a handler method, and each parameter of theirs bound from a form.</summary>
    private static (int Handlers, List<string> Offenders) FormBoundParameters(IEndpointRouteBuilder endpoints)
    {
        var handlers = 0;
        var offenders = new List<string>();
        foreach (var endpoint in endpoints.DataSources.SelectMany(source => source.Endpoints))
        {
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
            {
                continue;
            }

            handlers++;
            offenders.AddRange(
                from parameter in handler.GetParameters()
                where IsFormBound(parameter.ParameterType, parameter)
                    || (parameter.GetCustomAttribute<AsParametersAttribute>() is not null
                        && parameter.ParameterType.GetProperties().Any(property => IsFormBound(property.PropertyType, property)))
                select $"{endpoint.DisplayName} ({parameter.Name})");
        }

        return (handlers, offenders);
    }

    private static bool IsFormBound(Type type, ICustomAttributeProvider declaration) =>
        FormTypes.Contains(type) || declaration.IsDefined(typeof(FromFormAttribute), inherit: true);

    private sealed class NamedFields
    {
        [FromForm]
        public string Name { get; set; } = string.Empty;
    }
}
