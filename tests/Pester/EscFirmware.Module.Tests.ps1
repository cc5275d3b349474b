# Pester 5 tests for the BUILT module (out/EscFirmware/<version>), run by Invoke-Pester.ps1 in a fresh pwsh.
BeforeAll {
    $script:Manifest = $env:ESCFW_MODULE_MANIFEST
    $script:RepoRoot = $env:ESCFW_REPO_ROOT
    Import-Module $script:Manifest -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module EscFirmware -ErrorAction SilentlyContinue
}

Describe 'The built module' {
    It 'passes Test-ModuleManifest and exports exactly the manifest''s cmdlets' {
        $info = Test-ModuleManifest $script:Manifest
        $module = Get-Module EscFirmware
        $module.Version | Should -Be $info.Version
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($info.ExportedCmdlets.Keys | Sort-Object)
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }

    It 'loads EscFirmware.Core from its dependencies folder' {
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'EscFirmware.Core' }
        $core | Should -HaveCount 1
        $core.Location | Should -BeLike (Join-Path (Split-Path $script:Manifest) 'dependencies*')
        if ($PSVersionTable.PSEdition -eq 'Core') {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name | Should -Be 'EscFirmware'
        }
    }

    # The MAML comes from docs/*.md via platyPS in build.ps1 -Task Build; a plain dotnet build has none.
    It 'has help with a synopsis and examples for <_>' -ForEach @((Test-ModuleManifest $env:ESCFW_MODULE_MANIFEST).ExportedCmdlets.Keys) -Skip:(-not (Test-Path (Join-Path (Split-Path $env:ESCFW_MODULE_MANIFEST) 'en-US/EscFirmware.dll-Help.xml'))) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s+\[' -Because 'a synopsis that is only the syntax means the help file lacks this cmdlet'
        $help.Examples.Example | Should -Not -BeNullOrEmpty
    }

    It 'declares an output type with a format view for <_>' -ForEach @((Test-ModuleManifest $env:ESCFW_MODULE_MANIFEST).ExportedCmdlets.Keys) {
        $outputType = (Get-Command $_).OutputType
        $outputType | Should -Not -BeNullOrEmpty
        foreach ($type in $outputType) {
            Get-FormatData -TypeName $type.Name | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Get-EscFirmwareVersion against the fake BMC' {
    BeforeAll {
        # A standalone fake ESC8000 pair; 'simulate' prints its addresses and the admin password.
        $basePort = Get-Random -Minimum 20000 -Maximum 40000
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($arg in 'run', '--no-build', '-c', $env:ESCFW_CONFIGURATION, '--project', (Join-Path $script:RepoRoot 'src/EscFirmware.Cli'), '--', 'simulate', '--count', '2', '--base-port', "$basePort") {
            $start.ArgumentList.Add($arg)
        }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $script:Simulator = [System.Diagnostics.Process]::Start($start)

        $script:Addresses = [System.Collections.Generic.List[string]]::new()
        $script:Password = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while (($script:Addresses.Count -lt 2 -or -not $script:Password) -and [DateTime]::UtcNow -lt $deadline) {
            $read = $script:Simulator.StandardOutput.ReadLineAsync()
            if (-not $read.Wait([TimeSpan]::FromSeconds(5))) { continue }
            $line = $read.Result
            if ($null -eq $line) { break }
            foreach ($match in [regex]::Matches($line, '127\.0\.0\.1:\d+')) {
                if (-not $script:Addresses.Contains($match.Value)) { $script:Addresses.Add($match.Value) }
            }
            if ($line -match '(?i)password\W+(\S+)') { $script:Password = $Matches[1].Trim("'`"") }
        }
        if ($script:Addresses.Count -lt 2 -or -not $script:Password) {
            throw "escfw simulate did not print two addresses and a password within 90 s"
        }
        $script:Credential = [pscredential]::new('admin', (ConvertTo-SecureString $script:Password -AsPlainText -Force))
    }

    AfterAll {
        if ($script:Simulator -and -not $script:Simulator.HasExited) {
            $script:Simulator.Kill($true)
            $script:Simulator.WaitForExit(10000) | Out-Null
        }
    }

    It 'reads both servers' {
        $versions = Get-EscFirmwareVersion -ComputerName $script:Addresses -Credential $script:Credential -SkipCertificateCheck
        $versions | Should -HaveCount 2
        $versions[0] | Should -BeOfType ([EscFirmware.Core.Inventory.EscFirmwareVersion])
        @($versions.ComputerName | Sort-Object) | Should -Be @($script:Addresses | Sort-Object)
        $versions | ForEach-Object { $_.BmcVersion | Should -Not -BeNullOrEmpty; $_.BiosVersion | Should -Not -BeNullOrEmpty }
    }

    It 'binds Import-Csv rows by their BmcAddress column' {
        $rows = $script:Addresses | ForEach-Object { [pscustomobject]@{ Name = "node-$_"; BmcAddress = $_ } }
        $csv = $rows | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $versions = $csv | Get-EscFirmwareVersion -Credential $script:Credential -SkipCertificateCheck
        @($versions.ComputerName | Sort-Object) | Should -Be @($script:Addresses | Sort-Object)
    }

    It 'formats as the narrow default table' {
        $text = Get-EscFirmwareVersion $script:Addresses[0] -Credential $script:Credential -SkipCertificateCheck | Out-String
        $text | Should -Match 'ComputerName\s+Model\s+BmcVersion\s+BiosVersion\s+PowerState\s+ActiveBmcImage'
    }

    It 'reports an unreachable host as EscBmcUnreachable with the host as TargetObject and carries on' {
        # A port nothing listens on: the fake's base port minus one is outside its range.
        $dead = '127.0.0.1:{0}' -f (([int]($script:Addresses[0] -split ':')[1]) - 1)
        $versions = Get-EscFirmwareVersion -ComputerName $dead, $script:Addresses[0] -Credential $script:Credential -SkipCertificateCheck -TimeoutSec 5 -ErrorVariable failures -ErrorAction SilentlyContinue
        $versions | Should -HaveCount 1
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'EscBmcUnreachable,*'
        $failures[0].TargetObject | Should -Be $dead
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }
}

Describe 'Firmware packages without a network' {
    BeforeAll {
        $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ("escfw-pester-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:Work | Out-Null
        $script:Catalog = Join-Path $script:Work 'catalog.json'
        Set-Content -Path $script:Catalog -Encoding utf8 -Value '{"Status":"SUCCESS","Message":"SUCCESS","Result":{"Model":"ESC8000-E12P","Obj":[{"Name":"BIOS","Files":[{"Version":"0804","Title":"BIOS 0804","Description":"<p>Fix &amp; improve</p>","FileSize":"64 MB","ReleaseDate":"2025/04/18","IsRelease":"1","DownloadUrl":{"Global":"/pub/ASUS/server/bios.zip"},"sha256":""}]},{"Name":"FIRMWARE","Files":[{"Version":"1.37.1","Title":"ASMB12-iKVM FW 1.37.1","FileSize":"118 MB","ReleaseDate":"2025/03/10","IsRelease":"1","DownloadUrl":{"Global":"https://dlcdnets.asus.com/pub/ASUS/server/bmc.zip"},"sha256":""}]}]}}'
        $script:Capsule = Join-Path $script:Work 'Z14PG-D32-ASUS-0804.CAP'
        [System.IO.File]::WriteAllBytes($script:Capsule, [byte[]](1..200 | ForEach-Object { $_ % 256 }))
    }

    AfterAll {
        Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
    }

    It 'finds the newest BMC and BIOS in a catalog file' {
        $releases = Find-EscFirmware -Model esc8000-e12p -CatalogPath $script:Catalog
        $releases | Should -HaveCount 2
        $releases[0] | Should -BeOfType ([EscFirmware.Core.Catalog.EscFirmwareRelease])
        @($releases | ForEach-Object { "$($_.Component) $($_.Version)" }) | Should -Be @('Bmc 1.37.1', 'Bios 0804')
        ($releases | Where-Object Component -eq Bios).DownloadUri | Should -Be 'https://dlcdnets.asus.com/pub/ASUS/server/bios.zip'
        ($releases | Where-Object Component -eq Bios).ReleaseNotes | Should -Be 'Fix & improve'
    }

    It 'reports an unknown model as EscFirmwareNotFound' {
        Find-EscFirmware -Model ESC9999 -CatalogPath $script:Catalog -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'EscFirmwareNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes files from Get-ChildItem and names why a capsule is not an HPM image' {
        $image = Get-ChildItem $script:Capsule | Test-EscFirmwareImage
        $image | Should -BeOfType ([EscFirmware.Core.Hpm.EscFirmwareImage])
        $image.IsValid | Should -BeFalse
        $image.Problems -join ' ' | Should -Match 'not an HPM image'
    }

    It 'turns an invalid image into an error with -Strict' {
        Test-EscFirmwareImage $script:Capsule -Strict -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'EscInvalidFirmwareImage,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reports a missing file as EscImageNotFound' {
        Test-EscFirmwareImage (Join-Path $script:Work 'absent.hpm') -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'EscImageNotFound,*'
    }

    It 'saves nothing with -WhatIf' {
        Save-EscFirmwarePackage -Uri 'https://dlcdnets.asus.com/pub/ASUS/server/bios.zip' -Destination (Join-Path $script:Work 'pkgs') -WhatIf
        Test-Path (Join-Path $script:Work 'pkgs') | Should -BeFalse
Describe 'Invoke-EscBmcUpdate against the fake BMC' {
    BeforeAll {
        $basePort = Get-Random -Minimum 20000 -Maximum 40000
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($arg in 'run', '--no-build', '-c', $env:ESCFW_CONFIGURATION, '--project', (Join-Path $script:RepoRoot 'src/EscFirmware.Cli'), '--', 'simulate', '--count', '1', '--base-port', "$basePort") {
            $start.ArgumentList.Add($arg)
        }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $script:BmcSimulator = [System.Diagnostics.Process]::Start($start)
        $script:Bmc = $null
        $password = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ((-not $script:Bmc -or -not $password) -and [DateTime]::UtcNow -lt $deadline) {
            $read = $script:BmcSimulator.StandardOutput.ReadLineAsync()
            if (-not $read.Wait([TimeSpan]::FromSeconds(5))) { continue }
            $line = $read.Result
            if ($null -eq $line) { break }
            if (-not $script:Bmc -and $line -match '127\.0\.0\.1:\d+') { $script:Bmc = $Matches[0] }
            if ($line -match '(?i)password\W+(\S+)') { $password = $Matches[1].Trim("'`"") }
        }
        if (-not $script:Bmc -or -not $password) { throw "escfw simulate did not print an address and a password within 90 s" }
        $script:BmcCredential = [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force))
        # A BMC image built by the test assembly's writer is not available here: use the sample written next to the module when present.
        $script:BmcImage = Join-Path ([IO.Path]::GetTempPath()) ("escfw-pester-{0}.hpm" -f [guid]::NewGuid())
        Add-Type -Path (Join-Path $script:RepoRoot ("src/EscFirmware.FakeBmc/bin/{0}/net10.0/EscFirmware.FakeBmc.dll" -f $env:ESCFW_CONFIGURATION)) -ErrorAction Stop
        [EscFirmware.FakeBmc.SupportSite.HpmImageWriter]::WriteFile([EscFirmware.FakeBmc.SupportSite.HpmImageSpec]::Bmc('1.37.1', 49152, 'None'), $script:BmcImage)
    }

    AfterAll {
        if ($script:BmcSimulator -and -not $script:BmcSimulator.HasExited) {
            $script:BmcSimulator.Kill($true)
            $script:BmcSimulator.WaitForExit(10000) | Out-Null
        }
        Remove-Item $script:BmcImage -ErrorAction SilentlyContinue
    }

    It 'declares SupportsShouldProcess with ConfirmImpact High and both parameter sets' {
        $command = Get-Command Invoke-EscBmcUpdate
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('Image', 'Path')
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'plans with -WhatIf and changes nothing' {
        $result = $script:Bmc | Invoke-EscBmcUpdate -Path $script:BmcImage -Credential $script:BmcCredential -SkipCertificateCheck -WhatIf
        $result | Should -HaveCount 1
        $result.Status | Should -Be 'WhatIf'
        $result.Component | Should -Be 'Bmc'
        $result.FromVersion | Should -Be '1.29.1'
        $result.ToVersion | Should -Be '1.37.1'
        (Get-EscFirmwareVersion $script:Bmc -Credential $script:BmcCredential -SkipCertificateCheck).BmcVersion | Should -Be '1.29.1'
    }

    It 'formats as the narrow default table' {
        $text = $script:Bmc | Invoke-EscBmcUpdate -Path $script:BmcImage -Credential $script:BmcCredential -SkipCertificateCheck -WhatIf | Out-String
        $text | Should -Match 'ComputerName\s+Component\s+FromVersion\s+ToVersion\s+Status\s+Phase\s+Duration'
    }

    It 'updates the BMC with -Confirm:$false and keeps the credentials working' {
        $result = Invoke-EscBmcUpdate $script:Bmc -Path $script:BmcImage -Credential $script:BmcCredential -SkipCertificateCheck -Confirm:$false -PollIntervalSec 1
        $result.Status | Should -Be 'Succeeded' -Because $result.Message
        (Get-EscFirmwareVersion $script:Bmc -Credential $script:BmcCredential -SkipCertificateCheck).BmcVersion | Should -Be '1.37.1'
    }
}
