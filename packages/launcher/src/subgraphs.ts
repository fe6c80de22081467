import type { SubgraphContext, SubgraphDefinition } from '@sixfold/kit';
import { catalog } from '@sixfold/catalog';
import { observability } from '@sixfold/observability';
import { tenancy } from '@sixfold/tenancy';
import { fsm } from '@sixfold/fsm';
import { media } from '@sixfold/media';
import { agent } from '@sixfold/agent';

/** Every subgraph the one-command run starts, in one process sharing one event bus (port order). */
export const SUBGRAPHS: Array<SubgraphDefinition<never, SubgraphContext<never>>> = [catalog as never, observability as never, tenancy as never, fsm as never, media as never, agent as never];
