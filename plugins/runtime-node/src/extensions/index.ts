export {
  runtimeLiveResourceSourcesExtensionPoint,
  runtimeOwnerResolutionExtensionPoint,
  type RuntimeListedLiveResourceSource,
  type RuntimeLiveResource,
  type RuntimeLiveResourceSource,
  type RuntimeLiveResourceSourceBase,
  type RuntimeLiveResourceSourcesExtensionPoint,
  type RuntimeOwnerQuery,
  type RuntimeOwnerResolutionExtensionPoint,
  type RuntimeOwnerResolver,
  type RuntimeResolvedOwner,
  type RuntimeWatchedLiveResourceSource,
} from './catalogExtensions';
export {
  runtimeObservabilitySignalsExtensionPoint,
  type RuntimeObservabilitySignal,
  type RuntimeObservabilitySignalRequest,
  type RuntimeObservabilitySignalsExtensionPoint,
  type RuntimeObservabilityWindow,
} from './observabilityExtensions';
