export {
  RUNTIME_RESOURCES_CHANGED_TOPIC,
  type RuntimeResourcesChangedPayload,
} from './resourcesChanged';
