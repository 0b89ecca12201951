// Example: egress to the internet through an ipBlock with `except`, so the private ranges and the
// cloud metadata address stay unreachable.
export const INTERNET_EGRESS_YAML = `# Egress to the internet, but not to private networks or the metadata service.
apiVersion: v1
kind: Namespace
metadata:
  name: crawler
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: fetcher
  namespace: crawler
spec:
  selector:
    matchLabels:
      app: fetcher
  template:
    metadata:
      labels:
        app: fetcher
    spec:
      containers:
        - name: fetcher
          image: example/fetcher:3.1
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: fetcher-egress
  namespace: crawler
spec:
  podSelector:
    matchLabels:
      app: fetcher
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16
              - 169.254.169.254/32
      ports:
        - protocol: TCP
          port: 443
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
`;
