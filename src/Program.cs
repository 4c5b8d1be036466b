using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Admin;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;

var builder = WebApplication.CreateBuilder(PortalCommandLine.HostArguments(args));
builder.AddPortalDefaults();
builder.AddPortalCommandLine(args);
builder.AddWorkspaces();
builder.AddAccounts();
builder.AddConversion();
builder.AddBilling();
builder.AddPresets();
builder.AddStorageDestinations();
builder.AddJobs();
builder.AddWebhooks();
builder.AddApiKeys();
builder.AddPublicApi();
builder.AddAdminConsole();

var app = builder.Build();
if (PortalCommandLine.IsCommand(args))
{
    return await app.RunCommandLineAsync(args);
}

app.UsePortalDefaults();
app.UseApiRateLimits();
app.UsePortalAuthorization();
app.UseAdminConsole();
app.MapAccountEndpoints();
app.MapPortalJobFiles();
app.MapBilling();
var api = app.MapPublicApi();
api.MapConversionApi().WithCreditHeaders();
api.MapJobsApi().MapPresetsApi().MapStorageApi().MapWebhooksApi().MapAccountApi();
app.MapPortalPages();
await app.RunAsync();
return 0;

public partial class Program;
