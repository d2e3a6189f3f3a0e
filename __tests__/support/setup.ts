import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { useTerraformCliConfig } from './terraform';

Testing.setupJest();
// cdktf's own toBeValidTerraform matcher runs `terraform init` with process.env: point it at the mirror.
useTerraformCliConfig();
