/** Each fixture set `cnisim import` is tested on: the golden's name and the files, in the order given. */
export const IMPORT_CASES: ReadonlyArray<{ readonly name: string; readonly files: readonly string[] }> = [
  { name: 'overlay', files: ['overlay/cluster.az.json', 'overlay/subnet.az.json', 'overlay/vnet.az.json'] },
  { name: 'node-subnet-pe', files: ['node-subnet-pe/cluster.az.json', 'node-subnet-pe/subnet.az.json'] },
  { name: 'node-subnet-pe-rest', files: ['node-subnet-pe/cluster.rest.json', 'node-subnet-pe/subnet.rest.json'] },
  {
    name: 'pod-subnet-dynamic',
    files: ['pod-subnet-dynamic/cluster.rest.json', 'pod-subnet-dynamic/subnets.az.json', 'pod-subnet-dynamic/vnet.rest.json', 'pod-subnet-dynamic/nodes.json', 'pod-subnet-dynamic/nnc.json'],
  },
  { name: 'pod-subnet-static', files: ['pod-subnet-static/cluster.az.json', 'pod-subnet-static/vnet.az.json'] },
  { name: 'kubenet', files: ['kubenet/cluster.az.json'] },
  { name: 'multi-pool', files: ['multi-pool/cluster.az.json', 'multi-pool/nodepools.az.json', 'multi-pool/subnets.az.json', 'multi-pool/vnets.az.json'] },
  { name: 'terraform', files: ['terraform/state.json'] },
  { name: 'terraform-plan', files: ['terraform/plan.json'] },
  { name: 'kubectl-only', files: ['kubectl-only/nodes.json', 'kubectl-only/nnc.json'] },
].map((c) => ({ name: c.name, files: c.files.map((f) => `test/fixtures/${f}`) }));
