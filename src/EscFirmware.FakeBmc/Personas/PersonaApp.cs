using System;
using EscFirmware.FakeBmc.Hosting;
using EscFirmware.FakeBmc.Personas;
using Microsoft.AspNetCore.Builder;

namespace EscFirmware.FakeBmc;

/// <summary>The endpoints of the generic DMTF and HPE iLO personas (no AMI OEM blocks, no HPM-wizard web API).</summary>
internal static class PersonaApp
{
    public static void Map(WebApplication app, FakeBmcOptions options, FakeBmcState state, TimeProvider clock)
    {
        var layout = PersonaLayout.For(options.Persona);
        // Updates move on with the fake's clock; every request gives them the chance, so nobody has to poll a task.
        app.Use((context, next) =>
        {
            state.Dmtf.Tick();
            state.Ilo.Tick();
            return next(context);
        });
        app.UseServiceRootRedirect(options);
        app.UsePersonaAuth(options, state);
        app.UseRouting();
        app.MapPersonaResources(options, state, layout);
        app.MapPersonaSessions(options, state, clock);
        if (options.Persona == FakePersona.HpeIlo)
        {
            app.MapIloUpdateService(options, state, layout);
        }
        else
        {
            app.MapDmtfUpdateService(options, state, layout);
            app.MapDmtfTasks(options, state);
        }
        FakeBmcApp.MapNotFound(app);
    }
}
